package dev.parley.server.log;

import dev.parley.server.ingest.EventSink;
import java.util.ServiceLoader;

/**
 * An ingest log outside the data directory, such as a Kafka topic in cluster mode, chosen by
 * its address's scheme ({@code kafka://...}). Providers are found with {@link ServiceLoader}:
 * the collector itself knows none, so the embedded server ships without them; the launcher's
 * jar has cluster mode's.
 */
public interface RemoteLog {
  /** Whether this provider opens {@code address}. */
  boolean accepts(String address);

  /**
   * Opens the log at {@code address}; what it returns answers a submission once the log holds
   * it durably.
   *
   * @throws IllegalArgumentException when the address cannot be used, saying why
   */
  Sink open(String address);

  /** A remote log, as the ingest path writes to it. */
  interface Sink extends EventSink, AutoCloseable {
    /** How long the log keeps what it was sent, when it says: an erased user's events live there until then. */
    default java.util.Optional<java.time.Duration> retention() {
      return java.util.Optional.empty();
    }

    @Override
    void close();
  }

  /**
   * The log at {@code address}, from the first provider that accepts it.
   *
   * @throws IllegalArgumentException when no provider on the class path accepts the address
   */
  static Sink open(String address, ClassLoader loader) {
    for (RemoteLog provider : ServiceLoader.load(RemoteLog.class, loader)) {
      if (provider.accepts(address)) {
        return provider.open(address);
      }
    }
    throw new IllegalArgumentException("no ingest log can be opened at \"" + address + "\": kafka://HOST:PORT/TOPIC"
        + " needs cluster mode (parley-cluster on the class path, as in bin/parley's jar)");
  }
}
