package dev.parley.bench.load;

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
 * OTLP ingest against Segment ingest, same collector, same run: the same chat turns sent as
 * Segment batches (a Message Sent and a Message Received per turn) and as OTLP/HTTP protobuf
 * exports (one GenAI chat span per turn, which the collector maps to the same two events).
 * Closed loop over many keep-alive connections to one {@code parley serve} ({@code -Xmx256m}),
 * the two forms alternating over several rounds so drift on a shared machine falls on both, and
 * each phase starting once the collector's loader has caught up with the one before.
 * Prints turns/s (spans/s for OTLP), events/s and the OTLP/Segment ratio per round.
 *
 * <pre>parley-bench/run --main dev.parley.bench.load.OtlpLoadBenchmark [--connections 32] [--warmup 5]
 *     [--seconds 10] [--turns 1,50] [--rounds 2]</pre>
 */
public final class OtlpLoadBenchmark {
  private static final String KEY = "bench-write-key";

  private OtlpLoadBenchmark() {}

  public static void main(String[] args) throws Exception {
    Map<String, String> options = LoadGenerator.options(args);
    int connections = Integer.parseInt(options.getOrDefault("connections", "32"));
    double warmup = Double.parseDouble(options.getOrDefault("warmup", "5"));
    double seconds = Double.parseDouble(options.getOrDefault("seconds", "10"));
    int rounds = Integer.parseInt(options.getOrDefault("rounds", "2"));
    List<Integer> sizes = List.of(options.getOrDefault("turns", "1,50").split(",")).stream()
        .map(Integer::parseInt).toList();

    Path work = Files.createTempDirectory("parley-otlp-load");
    String auth = "Basic " + Base64.getEncoder().encodeToString((KEY + ":").getBytes(StandardCharsets.UTF_8));
    ServerProcess server = ServerProcess.start(List.of("-Xmx256m"), "dev.parley.server.cli.Main",
        List.of("serve", "--port", "0", "--host", "127.0.0.1", "--data", work.resolve("data").toString(),
            "--write-key", KEY, "--admin-token", "bench-admin"), work.resolve("parley.log"));
    ChatTurns turns = new ChatTurns(Long.toString(System.currentTimeMillis(), 36));
    Map<String, List<LoadPhase.Result>> results = new LinkedHashMap<>();
    try {
      for (int size : sizes) {
        for (int round = 0; round < rounds; round++) {
          // Alternate which form goes first, so a trend over the run does not favour one.
          List<String> order = round % 2 == 0 ? List.of("segment", "otlp") : List.of("otlp", "segment");
          for (String form : order) {
            RequestSource source = form.equals("segment") ? turns.segment() : turns.otlp();
            LoadPhase.Result r = new LoadPhase(server.port(), auth, source).run(connections, size, 0, warmup, seconds);
            results.computeIfAbsent(form + "/" + size, k -> new ArrayList<>()).add(r);
            // The next phase starts with the loader caught up, so it does not pay for this one's backlog.
            double catchUp = LoadGenerator.catchUpSeconds(server.port());
            System.err.printf(Locale.ROOT, "%d turns a request, round %d, %s: %,.0f turns/s, %,.0f events/s,"
                + " %d errors; loaded %.1f s later%n", size, round + 1, form, r.requestsPerSecond() * size,
                r.eventsPerSecond(), r.errors(), catchUp);
          }
        }
      }
    } finally {
      String log = server.stop();
      if (log.contains("OutOfMemoryError")) {
        System.err.println("the collector ran out of memory: " + work.resolve("parley.log"));
      }
    }
    System.out.printf(Locale.ROOT, "%n%d connections, collector -Xmx256m, %.0f s measured per phase after %.0f s"
        + " warm-up%n%n", connections, seconds, warmup);
    System.out.println("| turns a request | round | Segment: turns/s (events/s) | OTLP: spans/s (events/s) | OTLP / Segment"
        + " | errors |");
    System.out.println("|---:|---:|---:|---:|---:|---:|");
    for (int size : sizes) {
      List<LoadPhase.Result> segment = results.get("segment/" + size);
      List<LoadPhase.Result> otlp = results.get("otlp/" + size);
      for (int round = 0; round < rounds; round++) {
        LoadPhase.Result s = segment.get(round);
        LoadPhase.Result o = otlp.get(round);
        System.out.printf(Locale.ROOT, "| %d | %d | %,.0f (%,.0f) | %,.0f (%,.0f) | %.2f | %d |%n", size, round + 1,
            s.requestsPerSecond() * size, s.eventsPerSecond(), o.requestsPerSecond() * size, o.eventsPerSecond(),
            o.eventsPerSecond() / s.eventsPerSecond(), s.errors() + o.errors());
      }
    }
  }
}
