package dev.parley.server.topics;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.offset;

import dev.langchain4j.data.segment.TextSegment;
import dev.langchain4j.model.embedding.onnx.allminilml6v2q.AllMiniLmL6V2QuantizedEmbeddingModel;
import java.util.List;
import org.junit.jupiter.api.Test;

/** The shared embedder builds its own one-thread session of the packaged model: the vectors must be the model's. */
class MiniLmEmbedderTest {
  private static final List<String> TEXTS = List.of("I want a refund for my order", "Where is my parcel?",
      "How do I reset the password of my account?", "Quelle est la météo demain ?", "-");

  @Test
  void theOneThreadSessionGivesThePackagedModelsVectors() {
    List<float[]> ours = MiniLmEmbedder.shared().embed(TEXTS);
    var packaged = new AllMiniLmL6V2QuantizedEmbeddingModel(Runnable::run)
        .embedAll(TEXTS.stream().map(TextSegment::from).toList()).content();

    assertThat(ours).hasSize(TEXTS.size());
    for (int i = 0; i < TEXTS.size(); i++) {
      float[] theirs = Vectors.normalized(packaged.get(i).vector());
      assertThat(ours.get(i)).hasSize(MiniLmEmbedder.DIMENSION);
      assertThat((double) Vectors.dot(ours.get(i), theirs)).as(TEXTS.get(i)).isGreaterThan(0.9999);
    }
    assertThat((double) Vectors.dot(ours.get(0), ours.get(1))).isLessThan(0.9);
  }

  @Test
  void aLongTextIsCutNotRefused() {
    String longText = "refund ".repeat(2_000);

    assertThat(MiniLmEmbedder.shared().embed(List.of(longText, "   "))).hasSize(2)
        .allSatisfy(v -> assertThat((double) Vectors.dot(v, v)).isCloseTo(1.0, offset(1e-4)));
  }

  @Test
  void negativeThreadsAreRefused() {
    assertThatThrownBy(() -> new MiniLmEmbedder(-1)).isInstanceOf(IllegalArgumentException.class);
  }
}
