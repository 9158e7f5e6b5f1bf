package dev.parley.server.api;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.parley.server.analytics.Dialect;
import dev.parley.server.config.PriceBook;
import io.javalin.Javalin;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.sql.SQLException;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.Optional;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * A store that cannot answer is one answer on every read route: {@code 503} with the same body,
 * never a {@code 500} from a handler of its own.
 */
class ReadApiStoreFailureTest {
  private static final ObjectMapper JSON = new ObjectMapper();
  private final HttpClient http = HttpClient.newHttpClient();
  private Javalin app;

  @BeforeEach
  void start() {
    Clock clock = Clock.fixed(Instant.parse("2026-11-02T12:00:00Z"), ZoneOffset.UTC);
    ReadContext context = new ReadContext(() -> {
      throw new SQLException("the store is closed");
    }, JSON, clock, Duration.ofMinutes(30), PriceBook.open(Optional.empty(), clock), Dialect.DUCKDB);
    app = Javalin.create(cfg -> {
      cfg.startup.showJavalinBanner = false;
      for (RouteModule module : ReadApi.modules(context)) {
        module.addRoutes(cfg.routes);
      }
    }).start("127.0.0.1", 0);
  }

  @AfterEach
  void stop() {
    app.stop();
  }

  @ParameterizedTest
  @ValueSource(strings = {"/api/v1/events", "/api/v1/violations", "/api/v1/summary", "/api/v1/conversations",
      "/api/v1/conversations/c-1", "/api/v1/timeseries?metric=conversations", "/api/v1/breakdown?by=event",
      "/api/v1/attribution?by=action"})
  void everyReadRouteAnswers503WithOneBody(String path) throws Exception {
    HttpResponse<String> response = http.send(
        HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + app.port() + path)).build(),
        HttpResponse.BodyHandlers.ofString());

    assertThat(response.statusCode()).as(response.body()).isEqualTo(503);
    JsonNode body = JSON.readTree(response.body());
    assertThat(body.get("error").asText()).isEqualTo("the store cannot answer right now; try again");
    assertThat(response.body()).doesNotContain("the store is closed"); // no internals in the answer
  }
}
