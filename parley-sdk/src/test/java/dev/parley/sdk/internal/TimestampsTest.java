package dev.parley.sdk.internal;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Instant;
import java.util.concurrent.ThreadLocalRandom;
import org.junit.jupiter.api.Test;

class TimestampsTest {
  @Test
  void formatsUtcWithMillisecondsLikeIsoInstant() {
    assertThat(Timestamps.format(0)).isEqualTo("1970-01-01T00:00:00.000Z");
    assertThat(Timestamps.format(Instant.parse("2026-11-20T10:00:00Z").toEpochMilli())).isEqualTo("2026-11-20T10:00:00.000Z");
    for (int i = 0; i < 1_000; i++) {
      long millis = ThreadLocalRandom.current().nextLong(0, Instant.parse("9999-12-31T23:59:59.999Z").toEpochMilli());
      String iso = Instant.ofEpochMilli(millis).toString();
      String expected = iso.length() == 24 ? iso : iso.replace("Z", millis % 1000 == 0 ? ".000Z" : "Z");
      assertThat(Timestamps.format(millis)).isEqualTo(expected);
    }
  }
}
