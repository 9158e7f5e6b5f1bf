package dev.parley.server.store;

import dev.parley.server.config.KeyDocument;
import dev.parley.server.config.StoreAddress;
import java.util.Optional;
import java.util.ServiceLoader;

/**
 * Cluster mode's shared store, such as PostgreSQL, chosen by its address's scheme
 * ({@code postgresql://...}). Providers are found with {@link ServiceLoader}, as
 * {@link dev.parley.server.log.RemoteLog}'s are: the embedded server ships without them; the
 * launcher's jar has cluster mode's.
 */
public interface RemoteStore {
  /** Whether this provider opens {@code address}. */
  boolean accepts(String address);

  /**
   * Opens the store (its schema brought up to date) for a collector or a command.
   *
   * @param log the collector's remote ingest log, when it has one: the store then also loads
   *     it, as a member of the loaders' group; empty for a command
   * @throws IllegalArgumentException when the store cannot be used, saying why
   */
  Opened open(StoreAddress address, Optional<String> log);

  /** An open shared store. */
  interface Opened extends AutoCloseable {
    /** The keys document the collectors share. */
    KeyDocument keys();

    /** Connections for the read API and the analytics, which then read the shared store. */
    ReadConnections reads();

    /** The SQL dialect of {@link #reads}. */
    dev.parley.server.analytics.Dialect dialect();

    /**
     * Erases a user in the shared store: their events and violations, and those of every id
     * tied to them, are deleted and the ids suppressed, so loads drop their events still in
     * the log and every collector follows ({@link #followSuppressions}).
     */
    Erasure erase(String userId, java.time.Instant at);

    /**
     * Deletes up to {@code maxEvents} of the events received before {@code cutoff} (oldest
     * first), their violations and those of refused messages received before it, in one
     * transaction of the shared store; returns how many events went. Retention calls it slice
     * after slice until a slice comes back short.
     */
    long deleteBefore(java.time.Instant cutoff, int maxEvents);

    /**
     * Calls {@code added} with the ids suppressed in the shared store now, then again within a
     * second whenever any process suppresses more, until closed.
     */
    void followSuppressions(java.util.function.Consumer<java.util.Collection<String>> added);

    /**
     * What a topic worker on this store writes with, and the lease that lets one worker of the
     * cluster work at a time; empty when the store keeps no topics. Closed with the store.
     */
    default Optional<Topics> topics() {
      return Optional.empty();
    }

    /** A topic worker's writes and lease on a shared store. */
    record Topics(dev.parley.server.topics.TopicWorker.Writer writer, dev.parley.server.topics.TopicWorker.Lease lease) {}

    @Override
    void close();
  }

  /**
   * The store at {@code address}, from the first provider that accepts it.
   *
   * @throws IllegalArgumentException when no provider on the class path accepts the address
   */
  static Opened open(StoreAddress address, Optional<String> log, ClassLoader loader) {
    for (RemoteStore provider : ServiceLoader.load(RemoteStore.class, loader)) {
      if (provider.accepts(address.address())) {
        return provider.open(address, log);
      }
    }
    throw new IllegalArgumentException("no store can be opened at \"" + address.address() + "\": "
        + "postgresql://USER@HOST:PORT/DB needs cluster mode (parley-cluster on the class path, as in bin/parley's jar)");
  }
}
