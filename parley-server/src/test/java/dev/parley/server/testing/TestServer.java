package dev.parley.server.testing;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.parley.server.ParleyServer;
import dev.parley.server.ServerSeams;
import dev.parley.server.config.ServerConfig;
import dev.parley.server.ingest.BodyLimits;
import dev.parley.server.log.IngestLog;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Base64;
import java.util.Map;
import java.util.StringJoiner;
import java.util.function.LongSupplier;
import java.util.function.UnaryOperator;

/**
 * A real Parley server on a random port over a data directory, with a known write key and
 * admin token, and an HTTP client to talk to it. Close it to stop the server.
 */
public final class TestServer implements AutoCloseable {
  public static final String WRITE_KEY = "test-write-key";
  public static final String ADMIN_TOKEN = "test-admin-token";
  private static final ObjectMapper JSON = new ObjectMapper();
  private static final HttpClient HTTP = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();

  private final ParleyServer server;
  private final Path dataDir;

  private TestServer(ParleyServer server, Path dataDir) {
    this.server = server;
    this.dataDir = dataDir;
  }

  /** A server with the defaults, on a random port of 127.0.0.1. */
  public static TestServer start(Path dataDir) {
    return start(dataDir, UnaryOperator.identity());
  }

  /** A server whose configuration {@code adjust} may change. */
  public static TestServer start(Path dataDir, UnaryOperator<ServerConfig> adjust) {
    return new TestServer(ParleyServer.start(config(dataDir, adjust)), dataDir);
  }

  /**
   * A server whose rate limiter reads its time from {@code nanoTime}, so a test moves the time
   * on instead of waiting for it.
   */
  public static TestServer start(Path dataDir, UnaryOperator<ServerConfig> adjust, LongSupplier nanoTime) {
    return new TestServer(ServerSeams.start(config(dataDir, adjust), nanoTime), dataDir);
  }

  /** A server whose request bodies must arrive sooner, or may hold fewer bytes at once, than by default. */
  public static TestServer start(Path dataDir, BodyLimits limits) {
    return new TestServer(ServerSeams.start(config(dataDir, UnaryOperator.identity()), limits), dataDir);
  }

  /** A server whose ingest log is wrapped by {@code wrap}, e.g. to make its trim fail. */
  public static TestServer startWithLog(Path dataDir, UnaryOperator<IngestLog> wrap) {
    return new TestServer(ServerSeams.startWithLog(config(dataDir, UnaryOperator.identity()), wrap), dataDir);
  }

  private static ServerConfig config(Path dataDir, UnaryOperator<ServerConfig> adjust) {
    return adjust.apply(ServerConfig.defaults(dataDir).withHost("127.0.0.1").withPort(0)
        .withWriteKey(WRITE_KEY).withAdminToken(ADMIN_TOKEN));
  }

  public ParleyServer server() {
    return server;
  }

  public Path dataDir() {
    return dataDir;
  }

  public URI uri(String path) {
    return URI.create("http://127.0.0.1:" + server.port() + path);
  }

  public static String basic(String writeKey) {
    return "Basic " + Base64.getEncoder().encodeToString((writeKey + ":").getBytes(StandardCharsets.UTF_8));
  }

  /** POSTs a body with the test write key as HTTP Basic. */
  public HttpResponse<String> post(String path, String body) {
    return post(path, body.getBytes(StandardCharsets.UTF_8), Map.of("Authorization", basic(WRITE_KEY)));
  }

  /** POSTs raw bytes with exactly these headers. */
  public HttpResponse<String> post(String path, byte[] body, Map<String, String> headers) {
    HttpRequest.Builder request = HttpRequest.newBuilder(uri(path)).timeout(Duration.ofSeconds(60))
        .POST(HttpRequest.BodyPublishers.ofByteArray(body));
    headers.forEach(request::header);
    return send(request.build());
  }

  /**
   * Waits until the store holds everything the ingest log acknowledged so far: what a client
   * was answered 200 for is then visible to reads.
   */
  public void awaitLoaded() {
    try {
      if (!server.collector().loader().awaitLoaded(Duration.ofSeconds(30))) {
        throw new AssertionError("the loader did not catch up with the ingest log within 30 s");
      }
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException(e);
    }
  }

  /** GETs a path with the admin token, once everything acknowledged so far is loaded. */
  public HttpResponse<String> get(String path) {
    awaitLoaded();
    return getNow(path);
  }

  /** DELETEs a path with the admin token. */
  public HttpResponse<String> delete(String path) {
    return send(HttpRequest.newBuilder(uri(path)).header("Authorization", "Bearer " + ADMIN_TOKEN).DELETE().build());
  }

  /** GETs a path with the admin token at once, whatever the loader has loaded (for reads under load). */
  public HttpResponse<String> getNow(String path) {
    return send(HttpRequest.newBuilder(uri(path)).header("Authorization", "Bearer " + ADMIN_TOKEN).GET().build());
  }

  /** The stored events matching the query parameters, as {@code /api/v1/events} returns them. */
  public JsonNode events(Map<String, String> query) {
    StringJoiner q = new StringJoiner("&", "?", "");
    query.forEach((k, v) -> q.add(k + "=" + URLEncoder.encode(v, StandardCharsets.UTF_8)));
    HttpResponse<String> response = get("/api/v1/events" + q);
    if (response.statusCode() != 200) {
      throw new AssertionError("events answered " + response.statusCode() + ": " + response.body());
    }
    return json(response.body()).get("items");
  }

  public static JsonNode json(String text) {
    try {
      return JSON.readTree(text);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  public static HttpResponse<String> send(HttpRequest request) {
    try {
      return HTTP.send(request, HttpResponse.BodyHandlers.ofString());
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException(e);
    }
  }

  @Override
  public void close() {
    server.close();
  }
}
