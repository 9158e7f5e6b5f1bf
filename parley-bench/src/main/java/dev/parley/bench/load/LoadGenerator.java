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
    // Extra serve options, e.g. --serve-args "--content-mode mask" to measure content masking.
    List<String> serveArgs = List.of(options.getOrDefault("serve-args", "").trim().split("\\s+")).stream()
        .filter(a -> !a.isEmpty()).toList();

    Path work = Files.createTempDirectory("parley-load");
    List<String> jvm = new ArrayList<>(List.of("-Xmx256m", "-XX:+HeapDumpOnOutOfMemoryError",
        "-XX:HeapDumpPath=" + work));
    List<String> parleyJvm = new ArrayList<>(jvm);
    if (jfr != null) {
      Files.createDirectories(Path.of(jfr));
      parleyJvm.add("-XX:StartFlightRecording=filename=" + Path.of(jfr, "parley-serve.jfr").toAbsolutePath()
          + ",settings=profile");
    }
    String auth = "Basic " + Base64.getEncoder().encodeToString((KEY + ":").getBytes(StandardCharsets.UTF_8));
    Map<String, LoadPhase.Result[]> results = new LinkedHashMap<>();
    long peakRss = 0;
    String parleyLog;
    try (ServerProcess baseline = ServerProcess.start(jvm, BaselineServer.class.getName(), List.of("0"),
            work.resolve("baseline.log"));
        ServerProcess parley = ServerProcess.start(parleyJvm, "dev.parley.server.cli.Main", serveCommand(work,
            serveArgs), work.resolve("parley.log"))) {
      CopilotTraffic traffic = new CopilotTraffic(Long.toString(System.currentTimeMillis(), 36));
      for (int batch : batches) {
        for (var target : List.of(Map.entry("baseline", baseline), Map.entry("parley", parley))) {
          LoadPhase phase = new LoadPhase(target.getValue().port(), auth, traffic);
          LoadPhase.Result saturated = phase.run(connections, batch, 0, warmup, seconds);
          peakRss = target.getKey().equals("parley") ? Math.max(peakRss, parley.residentMb()) : peakRss;
          LoadPhase.Result half = phase.run(connections, batch, saturated.requestsPerSecond() / 2, warmup / 2,
              seconds);
          peakRss = target.getKey().equals("parley") ? Math.max(peakRss, parley.residentMb()) : peakRss;
          results.put(target.getKey() + "/" + batch, new LoadPhase.Result[] {saturated, half});
          System.err.printf(Locale.ROOT, "%s batch %d: %.0f events/s (%d errors); at half: p50 %.1f ms, p99 %.1f ms%n",
              target.getKey(), batch, saturated.eventsPerSecond(), saturated.errors() + half.errors(),
              half.p50Micros() / 1e3, half.p99Micros() / 1e3);
        }
      }
      String metrics = new String(java.net.URI.create("http://127.0.0.1:" + parley.port() + "/metrics").toURL()
          .openStream().readAllBytes(), StandardCharsets.UTF_8);
      Files.writeString(work.resolve("metrics.txt"), metrics);
      metrics.lines().filter(l -> l.startsWith("parley_commit_")).forEach(System.err::println);
      parleyLog = parley.stop();
    }
    boolean oom = parleyLog.contains("OutOfMemoryError");
    report(batches, results, connections, peakRss, oom);
    chart(img, batches, results);
  }

  private static void report(List<Integer> batches, Map<String, LoadPhase.Result[]> results, int connections,
      long peakRss, boolean oom) {
    System.out.printf(Locale.ROOT, "%n%d connections; collector -Xmx256m, peak RSS %d MB, OutOfMemoryError: %s%n%n",
        connections, peakRss, oom ? "YES" : "none");
    System.out.println("| batch | baseline events/s | parley events/s | parley / baseline | baseline p50 / p99 at half"
        + " | parley p50 / p99 at half | errors |");
    System.out.println("|---:|---:|---:|---:|---:|---:|---:|");
    for (int batch : batches) {
      LoadPhase.Result[] b = results.get("baseline/" + batch);
      LoadPhase.Result[] p = results.get("parley/" + batch);
      System.out.printf(Locale.ROOT, "| %d | %,.0f | %,.0f | %.0f%% | %.1f / %.1f ms | %.1f / %.1f ms | %d |%n", batch,
          b[0].eventsPerSecond(), p[0].eventsPerSecond(), 100 * p[0].eventsPerSecond() / b[0].eventsPerSecond(),
          b[1].p50Micros() / 1e3, b[1].p99Micros() / 1e3, p[1].p50Micros() / 1e3, p[1].p99Micros() / 1e3,
          b[0].errors() + b[1].errors() + p[0].errors() + p[1].errors());
    }
  }

  private static void chart(Path img, List<Integer> batches, Map<String, LoadPhase.Result[]> results)
      throws java.io.IOException {
    List<String> categories = batches.stream().map(b -> "batch of " + b).toList();
    List<BarChart.Series> throughput = new ArrayList<>();
    List<BarChart.Series> latency = new ArrayList<>();
    for (String target : List.of("baseline", "parley")) {
      String name = target.equals("parley") ? "parley serve (validate + commit)" : "baseline (parse, discard)";
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

  private static List<String> serveCommand(Path work, List<String> extra) {
    List<String> command = new ArrayList<>(List.of("serve", "--port", "0", "--host", "127.0.0.1",
        "--data", work.resolve("data").toString(), "--write-key", KEY, "--admin-token", "bench-admin"));
    command.addAll(extra);
    return command;
  }

  /** {@code --name value} pairs; {@code --help} prints the options of both benchmarks. */
  public static Map<String, String> options(String[] args) {
    Map<String, String> options = new LinkedHashMap<>();
    for (int i = 0; i < args.length; i++) {
      if (args[i].equals("--help") || args[i].equals("-h")) {
        System.out.println("options: --connections N --warmup S --seconds S --batches 1,20,100 --jfr DIR --img DIR"
            + " --serve-args \"--content-mode mask\""
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
