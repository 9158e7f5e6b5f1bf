package dev.parley.bench.sdk;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.atomic.LongAdder;

/**
 * A collector that accepts everything: an HTTP server on 127.0.0.1 (a free port) that
 * reads each request body to the end and answers {@code 200 {"success":true}}, whatever
 * the path ({@code /v1/batch} for Parley, {@code /v1/import/} for analytics-java).
 * Thread-safe; counts requests and body bytes.
 */
final class LocalSink implements AutoCloseable {
  private static final byte[] OK = "{\"success\":true}".getBytes(StandardCharsets.US_ASCII);

  private final HttpServer server;
  private final ExecutorService handlers;
  private final LongAdder requests = new LongAdder();
  private final LongAdder bodyBytes = new LongAdder();

  private LocalSink(HttpServer server, ExecutorService handlers) {
    this.server = server;
    this.handlers = handlers;
  }

  /** Starts a sink on a free port of the loopback interface. */
  static LocalSink start() throws IOException {
    HttpServer server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 64);
    ExecutorService handlers = Executors.newFixedThreadPool(2, r -> {
      Thread thread = new Thread(r, "local-sink");
      thread.setDaemon(true);
      return thread;
    });
    LocalSink sink = new LocalSink(server, handlers);
    server.createContext("/", sink::handle);
    server.setExecutor(handlers);
    server.start();
    return sink;
  }

  /** The base URL both clients are given, such as {@code http://127.0.0.1:41234}. */
  String baseUrl() {
    return "http://127.0.0.1:" + server.getAddress().getPort();
  }

  long requests() {
    return requests.sum();
  }

  long bodyBytes() {
    return bodyBytes.sum();
  }

  private void handle(HttpExchange exchange) throws IOException {
    long read = 0;
    byte[] buffer = new byte[16 * 1024];
    try (InputStream in = exchange.getRequestBody()) {
      for (int n; (n = in.read(buffer)) >= 0; ) {
        read += n;
      }
    }
    requests.increment();
    bodyBytes.add(read);
    exchange.getResponseHeaders().set("Content-Type", "application/json");
    exchange.sendResponseHeaders(200, OK.length);
    try (OutputStream out = exchange.getResponseBody()) {
      out.write(OK);
    }
  }

  @Override
  public void close() {
    server.stop(0);
    handlers.shutdownNow();
  }
}
