package dev.parley.bench.load;

import dev.parley.bench.chart.BarChart;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * The ingest load benchmark. Measures {@code parley serve} (validation on, events committed
 * to its DuckDB file before each 200) against {@link BaselineServer} (the same HTTP stack,
 * parse and discard) in the same run, both in their own JVM with {@code -Xmx256m}: events/s at
 * saturation (closed loop over many keep-alive connections) and acknowledgement latency
 * p50/p99 at half of that rate (open loop), for batches of 1, 20 and 100 copilot events.
 * Prints a Markdown table and draws docs/img/ingest-throughput.png and ingest-latency.png.
 *
 * <pre>parley-bench/run --main dev.parley.bench.load.LoadGenerator [--connections 32] [--warmup 5]
 *     [--seconds 10] [--batches 1,20,100] [--jfr DIR] [--img docs/img]</pre>
 */
public final class LoadGenerator {
  private static final String KEY = "bench-write-key";

  private LoadGenerator() {}

  public static void main(String[] args) throws Exception {
    Map<String, String> options = options(args);
    int connections = Integer.parseInt(options.getOrDefault("connections", "32"));
    double warmup = Double.parseDouble(options.getOrDefault("warmup", "5"));
    double seconds = Double.parseDouble(options.getOrDefault("seconds", "10"));
    List<Integer> batches = List.of(options.getOrDefault("batches", "1,20,100").split(",")).stream()
        .map(Integer::parseInt).toList();
    Path img = Path.of(options.getOrDefault("img", "docs/img"));
    String jfr = options.get("jfr");
    // A second collector with extra serve options, measured in the same run, e.g.
    // --variant "--content-mode mask" for the cost of masking message text.
    List<String> variantArgs = List.of(options.getOrDefault("variant", "").trim().split("\\s+")).stream()
        .filter(a -> !a.isEmpty()).toList();

    Path work = Files.createTempDirectory("parley-load");
    List<String> jvm = new ArrayList<>(List.of("-Xmx256m", "-XX:+HeapDumpOnOutOfMemoryError",
        "-XX:HeapDumpPath=" + work));
    String auth = "Basic " + Base64.getEncoder().encodeToString((KEY + ":").getBytes(StandardCharsets.UTF_8));
    Map<String, LoadPhase.Result[]> results = new LinkedHashMap<>();
    Map<String, Long> peakRss = new LinkedHashMap<>();
    Map<String, String> logs = new LinkedHashMap<>();
    Map<String, ServerProcess> targets = new LinkedHashMap<>();
    Map<String, Double> catchUps = new LinkedHashMap<>();
    Map<String, double[]> visibility = new LinkedHashMap<>();
    try {
      targets.put(BASELINE, ServerProcess.start(jvm, BaselineServer.class.getName(), List.of("0"),
          work.resolve("baseline.log")));
      targets.put(PARLEY, ServerProcess.start(collectorJvm(jvm, jfr, "parley-serve.jfr"),
          "dev.parley.server.cli.Main", serveCommand(work.resolve("data"), List.of()), work.resolve("parley.log")));
      if (!variantArgs.isEmpty()) {
        targets.put(PARLEY + " " + String.join(" ", variantArgs), ServerProcess.start(
            collectorJvm(jvm, jfr, "parley-serve-variant.jfr"), "dev.parley.server.cli.Main",
            serveCommand(work.resolve("data-variant"), variantArgs), work.resolve("parley-variant.log")));
      }
      CopilotTraffic traffic = new CopilotTraffic(Long.toString(System.currentTimeMillis(), 36));
      for (int batch : batches) {
        for (Map.Entry<String, ServerProcess> target : targets.entrySet()) {
          String name = target.getKey();
          ServerProcess server = target.getValue();
          LoadPhase phase = new LoadPhase(server.port(), auth, traffic);
          LoadPhase.Result saturated = phase.run(connections, batch, 0, warmup, seconds);
          peakRss.merge(name, server.residentMb(), Math::max);
          if (!name.equals(BASELINE)) {
            double catchUp = catchUpSeconds(server.port());
            catchUps.put(name + "/" + batch, catchUp);
            System.err.printf(Locale.ROOT, "%s batch %d: the loader caught up %.1f s after the saturated phase%n",
                name, batch, catchUp);
          }
          VisibilityProbe probe = name.equals(BASELINE) ? null
              : new VisibilityProbe(server.port(), auth, "bench-admin", name.hashCode() + "-" + batch).start();
          LoadPhase.Result half = phase.run(connections, batch, saturated.requestsPerSecond() / 2, warmup / 2,
              seconds);
          if (probe != null) {
            probe.close();
            visibility.put(name + "/" + batch, new double[] {probe.quantileMillis(0.5), probe.quantileMillis(0.99),
                probe.samples(), probe.failures()});
          }
          peakRss.merge(name, server.residentMb(), Math::max);
          results.put(name + "/" + batch, new LoadPhase.Result[] {saturated, half});
          System.err.printf(Locale.ROOT, "%s batch %d: %.0f events/s (%d errors); at half: p50 %.1f ms, p99 %.1f ms%n",
              name, batch, saturated.eventsPerSecond(), saturated.errors() + half.errors(),
              half.p50Micros() / 1e3, half.p99Micros() / 1e3);
        }
      }
      String metrics = new String(java.net.URI.create("http://127.0.0.1:" + targets.get(PARLEY).port() + "/metrics")
          .toURL().openStream().readAllBytes(), StandardCharsets.UTF_8);
      Files.writeString(work.resolve("metrics.txt"), metrics);
      metrics.lines().filter(l -> l.startsWith("parley_load_") || l.startsWith("parley_log_fsync") || l.startsWith("parley_fold_seconds_") || l.startsWith("parley_unfolded"))
          .forEach(System.err::println);
    } finally {
      for (Map.Entry<String, ServerProcess> target : targets.entrySet()) {
        try {
          logs.put(target.getKey(), target.getValue().stop());
        } catch (java.io.IOException | RuntimeException e) {
          System.err.println("could not stop " + target.getKey() + ": " + e);
        }
      }
    }
    report(batches, List.copyOf(targets.keySet()), results, connections, peakRss, logs, catchUps, seconds + warmup);
    System.out.println();
    System.out.println("| batch | server | visible after the 200 at half load: p50 / p99 | probes | failed |");
    System.out.println("|---:|---|---:|---:|---:|");
    visibility.forEach((key, v) -> System.out.printf(Locale.ROOT, "| %s | %s | %.0f / %.0f ms | %.0f | %.0f |%n",
        key.substring(key.lastIndexOf('/') + 1), key.substring(0, key.lastIndexOf('/')), v[0], v[1], v[2], v[3]));
    chart(img, batches, List.copyOf(targets.keySet()), results);
  }

  /** The collectors' JVM options: each records its own JFR file when {@code --jfr DIR} is given. */
  private static List<String> collectorJvm(List<String> jvm, String jfr, String file) throws java.io.IOException {
    List<String> options = new ArrayList<>(jvm);
    if (jfr != null) {
      Files.createDirectories(Path.of(jfr));
      options.add("-XX:StartFlightRecording=filename=" + Path.of(jfr, file).toAbsolutePath() + ",settings=profile");
    }
    return options;
  }

  private static final String BASELINE = "baseline";
  private static final String PARLEY = "parley";

  /**
   * Seconds until the collector's loader has loaded everything acknowledged (its {@code /readyz}
   * reports no lag), polled every 50 ms.
   */
  static double catchUpSeconds(int port) throws Exception {
    long start = System.nanoTime();
    java.net.URL readyz = java.net.URI.create("http://127.0.0.1:" + port + "/readyz").toURL();
    while (true) {
      java.net.HttpURLConnection c = (java.net.HttpURLConnection) readyz.openConnection();
      java.io.InputStream in = c.getResponseCode() == 200 ? c.getInputStream() : c.getErrorStream();
      String body = new String(in.readAllBytes(), StandardCharsets.UTF_8);
      if (body.contains("\"loaderLagBytes\":0,")) {
        return (System.nanoTime() - start) / 1e9;
      }
      Thread.sleep(50);
    }
  }

  private static void report(List<Integer> batches, List<String> targets, Map<String, LoadPhase.Result[]> results,
      int connections, Map<String, Long> peakRss, Map<String, String> logs, Map<String, Double> catchUps,
      double phaseSeconds) {
    System.out.printf(Locale.ROOT, "%n%d connections; each server -Xmx256m%n", connections);
    for (String target : targets) {
      if (!target.equals(BASELINE)) {
        System.out.printf(Locale.ROOT, "%s: peak RSS %d MB, OutOfMemoryError: %s%n", target, peakRss.get(target),
            logs.getOrDefault(target, "").contains("OutOfMemoryError") ? "YES" : "none");
      }
    }
    System.out.println();
    System.out.println("| batch | server | acknowledged events/s | / baseline | sustained events/s | / acknowledged"
        + " | p50 / p99 at half load | errors |");
    System.out.println("|---:|---|---:|---:|---:|---:|---:|---:|");
    for (int batch : batches) {
      double base = results.get(BASELINE + "/" + batch)[0].eventsPerSecond();
      for (String target : targets) {
        LoadPhase.Result[] r = results.get(target + "/" + batch);
        // Sustained: what the saturated phase acknowledged, over the phase plus the loader's catch-up after it.
        Double catchUp = catchUps.get(target + "/" + batch);
        double sustained = catchUp == null ? r[0].eventsPerSecond()
            : r[0].eventsPerSecond() * phaseSeconds / (phaseSeconds + catchUp);
        System.out.printf(Locale.ROOT, "| %d | %s | %,.0f | %.1f%% | %s | %s | %.1f / %.1f ms | %d |%n", batch, target,
            r[0].eventsPerSecond(), 100 * r[0].eventsPerSecond() / base,
            catchUp == null ? "" : String.format(Locale.ROOT, "%,.0f", sustained),
            catchUp == null ? "" : String.format(Locale.ROOT, "%.0f%%", 100 * sustained / r[0].eventsPerSecond()),
            r[1].p50Micros() / 1e3, r[1].p99Micros() / 1e3, r[0].errors() + r[1].errors());
      }
    }
  }

  private static void chart(Path img, List<Integer> batches, List<String> targets,
      Map<String, LoadPhase.Result[]> results) throws java.io.IOException {
    List<String> categories = batches.stream().map(b -> "batch of " + b).toList();
    List<BarChart.Series> throughput = new ArrayList<>();
    List<BarChart.Series> latency = new ArrayList<>();
    for (String target : targets) {
      String name = target.equals(BASELINE) ? "baseline (parse, discard)"
          : target.equals(PARLEY) ? "parley serve (validate + commit)" : target;
      throughput.add(new BarChart.Series(name, batches.stream()
          .map(b -> results.get(target + "/" + b)[0].eventsPerSecond()).toList()));
      latency.add(new BarChart.Series(name + " p99", batches.stream()
          .map(b -> results.get(target + "/" + b)[1].p99Micros() / 1e3).toList()));
    }
    BarChart.write(img.resolve("ingest-throughput.png"), "Ingest: events/s at saturation", "events/s", categories,
        throughput);
    BarChart.write(img.resolve("ingest-latency.png"), "Ingest: p99 acknowledgement latency at half load", "ms",
        categories, latency);
  }

  private static List<String> serveCommand(Path data, List<String> extra) {
    List<String> command = new ArrayList<>(List.of("serve", "--port", "0", "--host", "127.0.0.1",
        "--data", data.toString(), "--write-key", KEY, "--admin-token", "bench-admin"));
    command.addAll(extra);
    return command;
  }

  /** {@code --name value} pairs; {@code --help} prints the options of both benchmarks. */
  public static Map<String, String> options(String[] args) {
    Map<String, String> options = new LinkedHashMap<>();
    for (int i = 0; i < args.length; i++) {
      if (args[i].equals("--help") || args[i].equals("-h")) {
        System.out.println("options: --connections N --warmup S --seconds S --batches 1,20,100 --jfr DIR --img DIR"
            + " --variant \"--content-mode mask\""
            + " (query benchmark: --events 1000000,10000000 --repeats N --dir DIR)");
        System.exit(0);
      }
      if (!args[i].startsWith("--") || i + 1 >= args.length) {
        throw new IllegalArgumentException("expected --name value: " + args[i]);
      }
      options.put(args[i].substring(2), args[++i]);
    }
    return options;
  }
}
