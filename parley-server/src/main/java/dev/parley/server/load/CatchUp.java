package dev.parley.server.load;

import dev.parley.server.log.FileLog;
import dev.parley.server.metrics.Metrics;
import dev.parley.server.privacy.Suppressions;
import dev.parley.server.store.EventStore;
import dev.parley.server.store.StoreException;
import dev.parley.server.store.SuppressionReader;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.SQLException;
import java.time.Clock;
import java.time.Duration;
import java.util.List;

/**
 * Loads into a store what a stopped server's ingest log still holds (after a crash, the log
 * may be ahead of the store), so that commands reading the store directly, such as
 * {@code parley export}, see every acknowledged event.
 */
public final class CatchUp {
  private CatchUp() {}

  /** Loads the log of {@code dataDir} into {@code store}, if there is one; returns the events' log bytes loaded. */
  public static long load(Path dataDir, EventStore store) throws IOException {
    if (!Files.isDirectory(dataDir.resolve(FileLog.DIR))) {
      return 0;
    }
    Suppressions suppressions = new Suppressions();
    try {
      new SuppressionReader(store.readConnections()).all().forEach(s -> suppressions.addAll(List.of(s.id())));
    } catch (SQLException e) {
      throw new StoreException("cannot read the suppression list: " + e.getMessage(), e);
    }
    long before = store.logPosition();
    try (FileLog log = FileLog.open(dataDir, before, FileLog.Settings.defaults(), Clock.systemUTC(), new Metrics())) {
      Loader loader = new Loader(log, store, new Metrics(), suppressions, Clock.systemUTC(), Duration.ofDays(1));
      loader.start().close();
      loader.trimLog();
      return loader.position() - before;
    }
  }
}
