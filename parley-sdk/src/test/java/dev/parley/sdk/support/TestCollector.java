package dev.parley.sdk.support;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.BooleanSupplier;

/**
 * A Segment-style collector on 127.0.0.1 for tests: records every request and answers as
 * told (200 by default). Thread-safe.
 */
public final class TestCollector implements AutoCloseable {
  public static final ObjectMapper JSON = new ObjectMapper();

  /** One request as received, with the status it was answered. */
  public record Request(String method, String path, Map<String, List<String>> headers, byte[] body, int status,
      long receivedNanos) {
    /** The first value of a header, whatever its case; null when absent. */
    public String header(String name) {
      for (Map.Entry<String, List<String>> entry : headers.entrySet()) {
        if (entry.getKey().equalsIgnoreCase(name) && !entry.getValue().isEmpty()) {
          return entry.getValue().get(0);
        }
      }
      return null;
    }

    public String text() {
      return new String(body, StandardCharsets.UTF_8);
    }

    public JsonNode json() {
      try {
        return JSON.readTree(body);
      } catch (IOException e) {
        throw new UncheckedIOException(e);
      }
    }

    public List<JsonNode> messages() {
      List<JsonNode> messages = new ArrayList<>();
      json().get("batch").forEach(messages::add);
      return messages;
    }

    public boolean succeeded() {
      return status >= 200 && status < 300;
    }
  }

  /** An answer: a status and optional headers. */
  public record Response(int status, Map<String, String> headers) {
    public static Response of(int status) {
      return new Response(status, Map.of());
    }
  }

  /** Chooses the answer for the n-th request (counting from 0). */
  public interface Responder {
    Response answer(int index, Request request);
  }

  private final HttpServer server;
  private final ExecutorService executor = Executors.newFixedThreadPool(4);
  private final List<Request> requests = new CopyOnWriteArrayList<>();
  private final AtomicInteger count = new AtomicInteger();
  private volatile Responder responder = (i, r) -> Response.of(200);

  private TestCollector(int port) throws IOException {
    server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), port), 0);
    server.createContext("/", this::handle);
    server.setExecutor(executor);
    server.start();
  }

  /** A collector on a free port. */
  public static TestCollector start() {
    return startOn(0);
  }

  /** A collector on this port (to bring one back after an outage). */
  public static TestCollector startOn(int port) {
    IOException last = null;
    for (int attempt = 0; attempt < 50; attempt++) {
      try {
        return new TestCollector(port);
      } catch (IOException e) {
        last = e;
        sleep(100);
      }
    }
    throw new UncheckedIOException(last);
  }

  public URI uri() {
    return URI.create("http://127.0.0.1:" + port());
  }

  public int port() {
    return server.getAddress().getPort();
  }

  public void respond(Responder responder) {
    this.responder = responder;
  }

  /** Answers these statuses to the first requests, then 200. */
  public void respondInOrder(int... statuses) {
    respond((i, r) -> Response.of(i < statuses.length ? statuses[i] : 200));
  }

  public List<Request> requests() {
    return List.copyOf(requests);
  }

  /** Every message of every request answered 2xx, in arrival order. */
  public List<JsonNode> delivered() {
    List<JsonNode> messages = new ArrayList<>();
    for (Request request : requests) {
      if (request.succeeded()) {
        messages.addAll(request.messages());
      }
    }
    return messages;
  }

  /** Waits until {@code n} messages were acknowledged; fails after the timeout. */
  public List<JsonNode> awaitDelivered(int n) {
    await(() -> delivered().size() >= n, Duration.ofSeconds(20), "waiting for " + n + " delivered messages");
    return delivered();
  }

  @Override
  public void close() {
    server.stop(0);
    executor.shutdownNow();
  }

  private void handle(HttpExchange exchange) throws IOException {
    byte[] body = exchange.getRequestBody().readAllBytes();
    int index = count.getAndIncrement();
    Request received = new Request(exchange.getRequestMethod(), exchange.getRequestURI().getPath(),
        Map.copyOf(exchange.getRequestHeaders()), body, 0, System.nanoTime());
    Response response = responder.answer(index, received);
    requests.add(new Request(received.method(), received.path(), received.headers(), body,
        response.status(), received.receivedNanos()));
    response.headers().forEach((k, v) -> exchange.getResponseHeaders().add(k, v));
    byte[] answer = (response.status() < 300 ? "{\"success\":true}" : "{\"success\":false}")
        .getBytes(StandardCharsets.UTF_8);
    exchange.getResponseHeaders().add("Content-Type", "application/json");
    exchange.sendResponseHeaders(response.status(), answer.length);
    exchange.getResponseBody().write(answer);
    exchange.close();
  }

  /** Polls a condition every 10 ms until it holds; fails with {@code what} after the timeout. */
  public static void await(BooleanSupplier condition, Duration timeout, String what) {
    long deadline = System.nanoTime() + timeout.toNanos();
    while (!condition.getAsBoolean()) {
      if (System.nanoTime() > deadline) {
        throw new AssertionError("timed out " + what);
      }
      sleep(10);
    }
  }

  private static void sleep(long millis) {
    try {
      Thread.sleep(millis);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException(e);
    }
  }
}
