package dev.parley.bench.load;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.concurrent.atomic.AtomicBoolean;

/**
 * How long an acknowledged event takes to be readable, under whatever load runs beside it:
 * every 250 ms one event of its own user is sent to {@code /v1/track}; from its {@code 200}
 * the probe polls {@code /api/v1/events} for it every 5 ms and records the wait.
 */
final class VisibilityProbe implements AutoCloseable {
  private static final HttpClient HTTP = HttpClient.newHttpClient();

  private final int port;
  private final String auth;
  private final String adminToken;
  private final String run;
  private final List<Long> waitsMicros = Collections.synchronizedList(new ArrayList<>());
  private final AtomicBoolean stop = new AtomicBoolean();
  private final Thread thread;
  private int failures;

  VisibilityProbe(int port, String auth, String adminToken, String run) {
    this.port = port;
    this.auth = auth;
    this.adminToken = adminToken;
    this.run = run;
    this.thread = new Thread(this::probe, "visibility-probe");
  }

  VisibilityProbe start() {
    thread.start();
    return this;
  }

  private void probe() {
    for (int n = 0; !stop.get(); n++) {
      String user = "probe-" + run + "-" + n;
      try {
        HttpResponse<String> sent = HTTP.send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + "/v1/track"))
            .header("Authorization", auth).timeout(Duration.ofSeconds(10))
            .POST(HttpRequest.BodyPublishers.ofString("{\"userId\":\"" + user + "\",\"event\":\"Probe\",\"messageId\":\""
                + user + "\"}")).build(), HttpResponse.BodyHandlers.ofString());
        if (sent.statusCode() != 200) {
          failures++;
          continue;
        }
        long acked = System.nanoTime();
        HttpRequest read = HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + "/api/v1/events?userId="
            + user + "&limit=1")).header("Authorization", "Bearer " + adminToken).timeout(Duration.ofSeconds(10)).build();
        while (!HTTP.send(read, HttpResponse.BodyHandlers.ofString()).body().contains("\"" + user + "\"")) {
          if (System.nanoTime() - acked > 60_000_000_000L) {
            failures++;
            break;
          }
          Thread.sleep(5);
        }
        waitsMicros.add((System.nanoTime() - acked) / 1_000);
        Thread.sleep(250);
      } catch (java.io.IOException e) {
        failures++;
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        return;
      }
    }
  }

  /** Stops after the probe in hand. */
  @Override
  public void close() throws InterruptedException {
    stop.set(true);
    thread.join(70_000);
  }

  /** The {@code q} quantile of the waits, in ms (NaN without samples). */
  double quantileMillis(double q) {
    List<Long> sorted;
    synchronized (waitsMicros) {
      sorted = new ArrayList<>(waitsMicros);
    }
    if (sorted.isEmpty()) {
      return Double.NaN;
    }
    Collections.sort(sorted);
    return sorted.get(Math.min(sorted.size() - 1, (int) Math.ceil(q * sorted.size()) - 1)) / 1e3;
  }

  int samples() {
    return waitsMicros.size();
  }

  int failures() {
    return failures;
  }
}
