package dev.parley.instrumentation.testing;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.zip.GZIPInputStream;

/**
 * A local stand-in for Parley's collector: the JDK's HTTP server on 127.0.0.1 and a random
 * port, acknowledging every {@code POST /v1/batch} and keeping the messages it carried.
 * Thread-safe. Shared with the framework modules' tests through this module's test-jar.
 */
public final class CollectorStandIn implements AutoCloseable {
  private static final ObjectMapper JSON = new ObjectMapper();

  private final HttpServer server;
  private final List<JsonNode> messages = new ArrayList<>();

  /** Starts the server. */
  public CollectorStandIn() throws IOException {
    server = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
    server.createContext("/v1/batch", this::batch);
    server.start();
  }

  /** The base URI to give the SDK as its endpoint. */
  public URI endpoint() {
    return URI.create("http://127.0.0.1:" + server.getAddress().getPort());
  }

  /** Every message received so far, in arrival order. */
  public synchronized List<JsonNode> messages() {
    return List.copyOf(messages);
  }

  /** The messages of one track event name. */
  public List<JsonNode> events(String name) {
    return messages().stream().filter(m -> name.equals(m.path("event").asText())).toList();
  }

  private void batch(HttpExchange exchange) throws IOException {
    try (exchange) {
      InputStream in = exchange.getRequestBody();
      if ("gzip".equalsIgnoreCase(exchange.getRequestHeaders().getFirst("Content-Encoding"))) {
        in = new GZIPInputStream(in);
      }
      JsonNode body = JSON.readTree(in.readAllBytes());
      synchronized (this) {
        body.path("batch").forEach(messages::add);
      }
      byte[] answer = "{\"success\":true}".getBytes(StandardCharsets.UTF_8);
      exchange.getResponseHeaders().set("Content-Type", "application/json");
      exchange.sendResponseHeaders(200, answer.length);
      try (OutputStream out = exchange.getResponseBody()) {
        out.write(answer);
      }
    }
  }

  @Override
  public void close() {
    server.stop(0);
  }
}
