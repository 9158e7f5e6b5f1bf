package dev.parley.sdk.internal;

import static org.assertj.core.api.Assertions.assertThat;

import dev.parley.spec.SegmentLimits;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.stream.IntStream;
import org.junit.jupiter.api.Test;

class RandomIdsTest {
  @Test
  void idsAreDistinctVersion4UuidsAcrossThreadsShortEnoughForAnEnvelopeMessageId() {
    Set<String> ids = ConcurrentHashMap.newKeySet();
    IntStream.range(0, 40_000).parallel().forEach(i -> ids.add(RandomIds.uuid()));
    assertThat(ids).hasSize(40_000);
    for (String id : ids) {
      assertThat(id).matches("[0-9a-f]{8}-[0-9a-f]{4}-4[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}");
      assertThat(UUID.fromString(id).version()).isEqualTo(4);
      assertThat(id.length()).isLessThanOrEqualTo(SegmentLimits.MAX_MESSAGE_ID_LENGTH);
    }
  }
}
