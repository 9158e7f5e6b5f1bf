package dev.parley.server;

import dev.parley.server.config.ServerConfig;
import dev.parley.server.ingest.BodyLimits;
import java.util.function.LongSupplier;

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
}
