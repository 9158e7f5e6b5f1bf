package dev.parley.server.testing;

import java.net.ConnectException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.Consumer;
import java.util.function.IntSupplier;

/**
 * A client thread that sends batches of 1 to 20 events with its own messageIds and records
 * every id acknowledged with 200. Like Segment's clients it resends a batch (same ids) after
 * a network error or a 5xx until it is acknowledged, so a commit whose answer was lost to a
 * crash is sent again and must be deduplicated.
 */
public final class AckingSender implements Runnable {
  private static final HttpClient HTTP = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(2)).build();

  private final String name;
  private final IntSupplier port;
  private final Consumer<List<String>> onAck;
  private final AtomicBoolean stop = new AtomicBoolean();
  private final AtomicLong requests = new AtomicLong();
  private final List<String> unexpected = new ArrayList<>();
  private final Thread thread;
  private final String envelope;

  /** A sender that adds every acknowledged id to {@code acked}. */
  public AckingSender(String name, IntSupplier port, Set<String> acked) {
    this(name, port, (Consumer<List<String>>) acked::addAll);
  }

  /** A sender that hands the ids of each acknowledged batch to {@code onAck}. */
  public AckingSender(String name, IntSupplier port, Consumer<List<String>> onAck) {
    this(name, port, onAck, null);
  }

  /** A sender whose events all carry this {@code timestamp} (null: the server stamps them). */
  public AckingSender(String name, IntSupplier port, Consumer<List<String>> onAck, String timestamp) {
    this.name = name;
    this.port = port;
    this.onAck = onAck;
    this.envelope = timestamp == null ? "" : ",\"timestamp\":\"" + timestamp + "\"";
    this.thread = new Thread(this, "sender-" + name);
  }

  public static Set<String> newAckedSet() {
    return ConcurrentHashMap.newKeySet();
  }

  public AckingSender start() {
    thread.start();
    return this;
  }

  /** Stops after the batch in hand is acknowledged (or 30 s of trying), then returns. */
  public void stopAndJoin() throws InterruptedException {
    stop.set(true);
    thread.join(60_000);
  }

  /** Answers other than 200, 503 and a network error: each one is a failure of the collector. */
  public synchronized List<String> unexpected() {
    return List.copyOf(unexpected);
  }

  public long requests() {
    return requests.get();
  }

  @Override
  public void run() {
    long next = 0;
    while (!stop.get()) {
      int size = 1 + ThreadLocalRandom.current().nextInt(20);
      List<String> ids = new ArrayList<>(size);
      StringBuilder body = new StringBuilder("{\"batch\":[");
      for (int i = 0; i < size; i++) {
        String id = name + "-" + next++;
        ids.add(id);
        body.append(i == 0 ? "" : ",").append("{\"type\":\"track\",\"event\":\"Message Sent\",\"userId\":\"u-")
            .append(name).append("\"").append(envelope).append(",\"messageId\":\"").append(id)
            .append("\",\"properties\":{\"conversationId\":\"c-")
            .append(name).append("\",\"messageId\":\"m-").append(id)
            .append("\",\"message_body\":\"Where is my order?\",\"role\":\"customer\"}}");
      }
      body.append("]}");
      sendUntilAcknowledged(body.toString(), ids);
    }
  }

  private void sendUntilAcknowledged(String body, List<String> ids) {
    long giveUp = 0;
    while (true) {
      if (stop.get()) {
        giveUp = giveUp == 0 ? System.nanoTime() + 30_000_000_000L : giveUp;
        if (System.nanoTime() > giveUp) {
          return;
        }
      }
      try {
        requests.incrementAndGet();
        HttpResponse<String> response = HTTP.send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:"
                + port.getAsInt() + "/v1/batch")).timeout(Duration.ofSeconds(10))
            .header("Authorization", TestServer.basic(TestServer.WRITE_KEY))
            .header("Content-Type", "application/json")
            .POST(HttpRequest.BodyPublishers.ofString(body)).build(), HttpResponse.BodyHandlers.ofString());
        if (response.statusCode() == 200) {
          onAck.accept(ids);
          return;
        }
        if (response.statusCode() != 503) {
          synchronized (this) {
            unexpected.add(response.statusCode() + " " + response.body());
          }
          return;
        }
      } catch (ConnectException e) {
        // the collector is down: retry below
      } catch (java.io.IOException e) {
        // connection reset or timed out mid-request (a kill): retry with the same ids
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        return;
      }
      sleep(50);
    }
  }

  private static void sleep(long millis) {
    try {
      Thread.sleep(millis);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
  }
}
