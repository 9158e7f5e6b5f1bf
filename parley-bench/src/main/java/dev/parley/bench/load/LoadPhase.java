package dev.parley.bench.load;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.locks.LockSupport;

/**
 * One measured phase against one server: {@code connections} threads, each with its own
 * keep-alive connection, POSTing bodies of {@code batchSize} events (or spans). Closed loop (each
 * thread sends as soon as the last answer came: saturation) or open loop at a fixed request
 * rate, where latency is counted from the moment a request was due, not when it was sent,
 * so a stalled server is not hidden (no coordinated omission).
 */
final class LoadPhase {
  /** What a phase measured. Latencies in microseconds. */
  record Result(long requests, long events, long errors, double seconds, long p50Micros, long p99Micros,
      long maxMicros) {
    double eventsPerSecond() {
      return events / seconds;
    }

    double requestsPerSecond() {
      return requests / seconds;
    }
  }

  private final int port;
  private final String authorization;
  private final RequestSource source;

  LoadPhase(int port, String authorization, RequestSource source) {
    this.port = port;
    this.authorization = authorization;
    this.source = source;
  }

  /** Sends for {@code warmupS} unmeasured, then {@code measureS} measured; {@code rate} 0 = closed loop. */
  Result run(int connections, int batchSize, double requestsPerSecond, double warmupS, double measureS)
      throws InterruptedException {
    long start = System.nanoTime();
    long measureFrom = start + (long) (warmupS * 1e9);
    long end = measureFrom + (long) (measureS * 1e9);
    AtomicLong requests = new AtomicLong();
    AtomicLong errors = new AtomicLong();
    List<long[]> latencies = new ArrayList<>();
    List<Thread> threads = new ArrayList<>();
    int[] filled = new int[connections];
    for (int t = 0; t < connections; t++) {
      int index = t;
      long[] mine = new long[(int) Math.min(5_000_000, requestsPerSecond > 0
          ? requestsPerSecond * measureS / connections * 2 + 1_000 : 200_000)];
      latencies.add(mine);
      double perThreadInterval = requestsPerSecond > 0 ? connections * 1e9 / requestsPerSecond : 0;
      long offset = (long) (perThreadInterval * t / connections);
      Thread thread = new Thread(() -> {
        int n = 0;
        try (KeepAliveConnection c = new KeepAliveConnection("127.0.0.1", port, authorization)) {
          long due = start + offset;
          for (long k = 0; ; k++) {
            if (perThreadInterval > 0) {
              due = start + offset + (long) (k * perThreadInterval);
              long wait = due - System.nanoTime();
              if (wait > 0) {
                LockSupport.parkNanos(wait);
              }
            } else {
              due = System.nanoTime();
            }
            if (due >= end) {
              break;
            }
            byte[] body = source.body(batchSize);
            int status;
            try {
              status = c.post(source.path(), source.contentType(), body);
            } catch (java.io.IOException | RuntimeException e) {
              if (errors.get() == 0) {
                e.printStackTrace();
              }
              status = -1;
            }
            long done = System.nanoTime();
            if (due >= measureFrom) {
              if (status == 200) {
                requests.incrementAndGet();
                if (n < mine.length) {
                  mine[n++] = (done - due) / 1_000;
                }
              } else if (errors.incrementAndGet() == 1) {
                System.err.println("first error: status " + status);
              }
            }
          }
        }
        filled[index] = n;
      }, "load-" + t);
      threads.add(thread);
      thread.start();
    }
    for (Thread thread : threads) {
      thread.join();
    }
    long[] all = java.util.stream.IntStream.range(0, connections)
        .mapToObj(t -> Arrays.stream(latencies.get(t), 0, filled[t])).flatMapToLong(s -> s).sorted().toArray();
    long p50 = all.length == 0 ? 0 : all[(int) (all.length * 0.50)];
    long p99 = all.length == 0 ? 0 : all[Math.min(all.length - 1, (int) (all.length * 0.99))];
    long max = all.length == 0 ? 0 : all[all.length - 1];
    return new Result(requests.get(), requests.get() * source.eventsIn(batchSize), errors.get(), measureS, p50, p99, max);
  }
}
