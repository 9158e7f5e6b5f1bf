package dev.parley.server;

import dev.parley.server.config.ServerConfig;
import dev.parley.server.ingest.BodyLimits;
import dev.parley.server.log.IngestLog;
import dev.parley.server.metrics.Metrics;
import java.io.IOException;
import java.util.function.LongSupplier;
import java.util.function.UnaryOperator;

/** The package-private seams of {@link ParleyServer} and {@link Collector}, for the test support in other packages. */
public final class ServerSeams {
  private ServerSeams() {}

  /** A server whose rate limiter reads the time from {@code nanoTime} instead of the system's clock. */
  public static ParleyServer start(ServerConfig config, LongSupplier nanoTime) {
    return ParleyServer.start(config, new Collector.Opener() {
      @Override
      public LongSupplier nanoTime() {
        return nanoTime;
      }
    });
  }

  /** A server whose request bodies have {@code limits} instead of {@link BodyLimits#DEFAULT}. */
  public static ParleyServer start(ServerConfig config, BodyLimits limits) {
    return ParleyServer.start(config, new Collector.Opener() {
      @Override
      public BodyLimits bodyLimits() {
        return limits;
      }
    });
  }

  /** A server whose ingest log is the data directory's, as {@code wrap} wraps it (to make one of its steps fail). */
  public static ParleyServer startWithLog(ServerConfig config, UnaryOperator<IngestLog> wrap) {
    return ParleyServer.start(config, new Collector.Opener() {
      @Override
      public IngestLog log(ServerConfig c, long loadedThrough, Metrics metrics) throws IOException {
        return wrap.apply(Collector.Opener.REAL.log(c, loadedThrough, metrics));
      }
    });
  }
}
