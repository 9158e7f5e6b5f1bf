package dev.parley.server.api;

import static org.assertj.core.api.Assertions.assertThat;

import dev.parley.server.testing.ServerPerClass;
import dev.parley.server.testing.TestServer;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * Every {@code /api/*} route, enumerated from the router so that a new one cannot be
 * forgotten, answers 401 to a caller without the admin token, and to a write key.
 */
class ApiAuthEndToEndTest {
  @RegisterExtension static final ServerPerClass server = new ServerPerClass();

  private static List<String[]> apiRoutes() {
    List<String[]> routes = server.get().server().routes().stream()
        .map(r -> r.split(" ", 2))
        .filter(r -> r[1].startsWith("/api/") && !r[0].equals("BEFORE") && !r[0].equals("AFTER")
            && !r[0].startsWith("BEFORE") && !r[0].startsWith("AFTER"))
        .toList();
    assertThat(routes).extracting(r -> r[0] + " " + r[1])
        .contains("GET /api/v1/events", "GET /api/v1/violations", "GET /api/v1/summary",
            "DELETE /api/v1/users/{userId}", "GET /api/v1/suppressions");
    return routes;
  }

  @Test
  void everyApiRouteAnswers401WithoutTheAdminToken() {
    for (String[] route : apiRoutes()) {
      for (Map<String, String> headers : List.of(Map.<String, String>of(),
          Map.of("Authorization", "Bearer wrong-token"),
          Map.of("Authorization", "Bearer " + TestServer.ADMIN_TOKEN + "x"),
          Map.of("Authorization", TestServer.basic(TestServer.ADMIN_TOKEN)))) {
        assertThat(call(route, headers).statusCode()).as(route[0] + " " + route[1] + " with " + headers).isEqualTo(401);
      }
    }
  }

  @Test
  void aWriteKeyCannotReadOrDelete() {
    for (String[] route : apiRoutes()) {
      assertThat(call(route, Map.of("Authorization", TestServer.basic(TestServer.WRITE_KEY))).statusCode())
          .as(route[0] + " " + route[1] + " with the write key as Basic").isEqualTo(401);
      assertThat(call(route, Map.of("Authorization", "Bearer " + TestServer.WRITE_KEY)).statusCode())
          .as(route[0] + " " + route[1] + " with the write key as Bearer").isEqualTo(401);
    }
  }

  @Test
  void theAdminTokenOpensTheReadRoutes() {
    for (String[] route : apiRoutes()) {
      if (route[0].equals("GET") && !route[1].contains("{")) {
        HttpResponse<String> answer = call(route, Map.of("Authorization", "Bearer " + TestServer.ADMIN_TOKEN));
        assertThat(answer.statusCode()).as(route[1]).isNotEqualTo(401).isLessThan(500);
      }
    }
  }

  @Test
  void apiRoutesCarryNoCorsHeaders() {
    HttpResponse<String> answer = TestServer.send(HttpRequest.newBuilder(server.get().uri("/api/v1/events"))
        .header("Origin", "https://evil.example").header("Authorization", "Bearer " + TestServer.ADMIN_TOKEN)
        .GET().build());
    assertThat(answer.headers().firstValue("Access-Control-Allow-Origin")).isEmpty();
    HttpResponse<String> preflight = TestServer.send(HttpRequest.newBuilder(server.get().uri("/api/v1/events"))
        .header("Origin", "https://evil.example").method("OPTIONS", HttpRequest.BodyPublishers.noBody()).build());
    assertThat(preflight.headers().firstValue("Access-Control-Allow-Origin")).isEmpty();
  }

  private static HttpResponse<String> call(String[] route, Map<String, String> headers) {
    String path = route[1].replaceAll("\\{[^}]+}", "someone").replace("*", "x");
    HttpRequest.Builder request = HttpRequest.newBuilder(server.get().uri(path))
        .method(route[0], HttpRequest.BodyPublishers.noBody());
    headers.forEach(request::header);
    return TestServer.send(request.build());
  }
}
