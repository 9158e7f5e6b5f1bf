package dev.parley.bench.query;

import dev.parley.bench.load.LoadGenerator;
import dev.parley.server.store.DuckDbStore;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.Locale;
import java.util.Map;

/**
 * How long the collector's store takes to open on a large data directory, where most of the
 * time is the dedupe filter: read from every stored key (no saved filter, as after a crash)
 * against read from the filter saved at the last clean close ({@code parley.duckdb.keys}).
 * Alternates the two, median of the repeats, in seconds.
 *
 * <pre>parley-bench/run --main dev.parley.bench.query.StoreOpenBenchmark [--events 10000000] [--repeats 3]</pre>
 */
public final class StoreOpenBenchmark {
  private StoreOpenBenchmark() {}

  public static void main(String[] args) throws Exception {
    Map<String, String> options = LoadGenerator.options(args);
    long events = Long.parseLong(options.getOrDefault("events", "10000000"));
    int repeats = Integer.parseInt(options.getOrDefault("repeats", "3"));
    Path dir = Path.of(options.getOrDefault("dir", "parley-bench/target/query-bench")).resolve(Long.toString(events));
    Path file = SyntheticStore.ensure(dir, events);
    Path saved = file.resolveSibling(file.getFileName() + ".keys");
    double[][] fullRead = new double[2][repeats];
    double[][] fromFile = new double[2][repeats];
    for (int i = 0; i < repeats; i++) {
      Files.deleteIfExists(saved);
      openAndClose(dir, fullRead, i);
      if (!Files.isRegularFile(saved)) {
        throw new IllegalStateException("the store did not save its dedupe filter at close");
      }
      openAndClose(dir, fromFile, i);
    }
    double full = median(fullRead[0]);
    double quick = median(fromFile[0]);
    System.out.printf(Locale.ROOT, "%n%,d events, median of %d; saved filter %,d bytes%n"
        + "| open | open, s | vs full read | close (saves the filter), s |%n|---|---:|---:|---:|%n"
        + "| reading every stored key (baseline) | %.2f | 1.00x | %.2f |%n"
        + "| reading the saved filter | %.2f | %.3fx | %.2f |%n",
        events, repeats, Files.size(saved), full, median(fullRead[1]), quick, quick / full, median(fromFile[1]));
  }

  /** Times one open into {@code seconds[0][i]} and the close after it into {@code seconds[1][i]}. */
  private static void openAndClose(Path dir, double[][] seconds, int i) {
    long start = System.nanoTime();
    DuckDbStore store = DuckDbStore.open(dir);
    long opened = System.nanoTime();
    store.close();
    seconds[0][i] = (opened - start) / 1e9;
    seconds[1][i] = (System.nanoTime() - opened) / 1e9;
  }

  private static double median(double[] values) {
    double[] sorted = values.clone();
    Arrays.sort(sorted);
    return sorted[sorted.length / 2];
  }
}
