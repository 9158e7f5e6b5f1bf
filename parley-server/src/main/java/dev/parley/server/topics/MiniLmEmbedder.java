package dev.parley.server.topics;

import dev.langchain4j.data.embedding.Embedding;
import dev.langchain4j.data.segment.TextSegment;
import dev.langchain4j.model.embedding.EmbeddingModel;
import dev.langchain4j.model.embedding.onnx.allminilml6v2q.AllMiniLmL6V2QuantizedEmbeddingModel;
import java.util.ArrayList;
import java.util.List;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * all-MiniLM-L6-v2 (quantized), run by ONNX Runtime inside this process: 384 dimensions, some
 * hundreds of short sentences a second (docs/BENCHMARKS.md), on the calling thread. The model
 * (23 MB) loads on first use.
 */
public final class MiniLmEmbedder implements TextEmbedder {
  /** The model's vector length. */
  public static final int DIMENSION = 384;
  /** Longer texts are cut here: the model reads at most 256 word pieces, and a first question rarely needs more. */
  static final int MAX_CHARS = 1000;

  private static final Logger log = LoggerFactory.getLogger(MiniLmEmbedder.class);
  private static final MiniLmEmbedder SHARED = new MiniLmEmbedder();

  private volatile EmbeddingModel model;

  /** The one instance of the process: the model is loaded once, however many collectors run. */
  public static MiniLmEmbedder shared() {
    return SHARED;
  }

  @Override
  public int dimension() {
    return DIMENSION;
  }

  @Override
  public List<float[]> embed(List<String> texts) {
    List<TextSegment> segments = new ArrayList<>(texts.size());
    for (String text : texts) {
      String cut = text.length() > MAX_CHARS ? text.substring(0, MAX_CHARS) : text;
      segments.add(TextSegment.from(cut.isBlank() ? "-" : cut));
    }
    List<Embedding> embedded = model().embedAll(segments).content();
    List<float[]> vectors = new ArrayList<>(embedded.size());
    for (Embedding e : embedded) {
      vectors.add(Vectors.normalized(e.vector()));
    }
    return vectors;
  }

  private EmbeddingModel model() {
    EmbeddingModel m = model;
    if (m == null) {
      synchronized (this) {
        m = model;
        if (m == null) {
          log.info("topics: loading the embedding model (all-MiniLM-L6-v2, quantized)");
          long started = System.nanoTime();
          // On the caller's thread: the worker's embedding is one thread's work, never a pool's.
          m = new AllMiniLmL6V2QuantizedEmbeddingModel(Runnable::run);
          model = m;
          log.info("topics: the embedding model loaded in {} ms", (System.nanoTime() - started) / 1_000_000);
        }
      }
    }
    return m;
  }
}
