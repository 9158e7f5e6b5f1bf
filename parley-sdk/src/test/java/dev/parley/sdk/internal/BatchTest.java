package dev.parley.sdk.internal;

import static java.nio.charset.StandardCharsets.UTF_8;
import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.stream.IntStream;
import org.junit.jupiter.api.Test;

class BatchTest {
  @Test
  void bodySizeIsExact() {
    Batch batch = new Batch(null);
    assertThat(batch.body("2026-11-20T10:00:00.000Z")).hasSize(Batch.OVERHEAD);
    batch.add(message("a", "{\"x\":\"é\"}"));
    batch.add(message("b", "{}"));
    byte[] body = batch.body("2026-11-20T10:00:00.000Z");
    assertThat(body).hasSize(batch.bodySize());
    assertThat(new String(body, UTF_8)).isEqualTo("{\"batch\":[{\"x\":\"é\"},{}],\"sentAt\":\"2026-11-20T10:00:00.000Z\"}");
  }

  @Test
  void packRespectsCountAndBytesAndKeepsOrder() {
    List<EncodedMessage> messages = IntStream.range(0, 10).mapToObj(i -> message("m" + i, "{\"i\":" + i + "}")).toList();
    assertThat(Batch.pack(messages, 4, 10_000, null)).extracting(Batch::size).containsExactly(4, 4, 2);
    int twoFit = Batch.OVERHEAD + 2 * 7 + 1;
    List<Batch> byBytes = Batch.pack(messages, 100, twoFit, null);
    assertThat(byBytes).extracting(Batch::size).containsOnly(2);
    assertThat(byBytes).allSatisfy(b -> assertThat(b.bodySize()).isLessThanOrEqualTo(twoFit));
    assertThat(byBytes.get(4).messages().get(1).eventId()).isEqualTo("m9");
  }

  @Test
  void halvesSplitInTheMiddle() {
    Batch batch = Batch.pack(IntStream.range(0, 5).mapToObj(i -> message("m" + i, "{}")).toList(), 10, 10_000, null).get(0);
    assertThat(batch.halves()).extracting(Batch::size).containsExactly(2, 3);
  }

  static EncodedMessage message(String id, String json) {
    return new EncodedMessage(id, "track", "E", json.getBytes(UTF_8));
  }
}
