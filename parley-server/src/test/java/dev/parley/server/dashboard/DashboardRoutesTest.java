package dev.parley.server.dashboard;

import static org.assertj.core.api.Assertions.assertThat;

import dev.parley.server.api.Sessions;
import dev.parley.server.testing.ServerPerClass;
import dev.parley.server.testing.TestServer;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.util.List;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/** The dashboard over HTTP: its pages, assets, headers and sign-in. */
class DashboardRoutesTest {
  @RegisterExtension static final ServerPerClass shared = new ServerPerClass();
  static TestServer server;

  @BeforeAll
  static void start() {
    server = shared.get();
  }

  private static HttpResponse<String> get(String path, String cookie) {
    HttpRequest.Builder request = HttpRequest.newBuilder(server.uri(path)).GET();
    if (cookie != null) {
      request.header("Cookie", cookie);
    }
    return TestServer.send(request.build());
  }

  private static String sessionCookie(HttpResponse<String> response) {
    return response.headers().allValues("Set-Cookie").stream()
        .filter(c -> c.startsWith(Sessions.COOKIE + "=")).findFirst().orElse(null);
  }

  @Test
  void everyPageUrlAnswersThePageWithStrictHeaders() {
    for (String path : List.of("/", "/conversations", "/conversations/1238041hdou", "/topics", "/models", "/quality")) {
      HttpResponse<String> page = get(path, null);
      assertThat(page.statusCode()).as(path).isEqualTo(200);
      assertThat(page.body()).contains("<main id=\"app\"").doesNotContain("<script>");
      assertThat(page.headers().firstValue("Content-Security-Policy")).get().asString()
          .contains("script-src 'self'").doesNotContain("unsafe-inline");
      assertThat(page.headers().firstValue("X-Frame-Options")).contains("DENY");
      assertThat(page.headers().firstValue("X-Content-Type-Options")).contains("nosniff");
    }
  }

  @Test
  void assetsAndTheChartLibraryAreServed() {
    HttpResponse<String> script = get("/assets/js/main.js", null);
    assertThat(script.statusCode()).isEqualTo(200);
    assertThat(script.headers().firstValue("Content-Security-Policy")).isPresent();
    assertThat(get("/assets/app.css", null).statusCode()).isEqualTo(200);
    assertThat(get("/webjars/chart.js/4.4.1/dist/chart.umd.js", null).statusCode()).isEqualTo(200);
  }

  @Test
  void theOneTimeLinkSetsAStrictSessionCookieAndDropsTheToken() {
    HttpResponse<String> link = get("/conversations" + server.server().oneTimeSignInPath().substring(1), null);
    assertThat(link.statusCode()).isEqualTo(303);
    assertThat(link.headers().firstValue("Location")).contains("/conversations");
    String cookie = sessionCookie(link);
    assertThat(cookie).contains("HttpOnly").containsIgnoringCase("SameSite=Strict");

    String session = cookie.substring(0, cookie.indexOf(';'));
    assertThat(get("/api/v1/summary", session).statusCode()).isEqualTo(200);
    assertThat(get("/api/v1/summary", Sessions.COOKIE + "=forged").statusCode()).isEqualTo(401);
  }

  @Test
  void aOneTimeLinkSignsInOnceOnly() {
    String path = server.server().oneTimeSignInPath();
    assertThat(path).startsWith("/?token=once_");
    assertThat(sessionCookie(get(path, null))).isNotNull();
    assertThat(sessionCookie(get(path, null))).as("the same link again").isNull();
  }

  /** The admin token in a URL would stay in browser history and access logs: only a one-time code signs in that way. */
  @Test
  void theAdminTokenInALinkDoesNotSignIn() {
    HttpResponse<String> link = get("/?token=" + TestServer.ADMIN_TOKEN, null);
    assertThat(link.statusCode()).isEqualTo(303);
    assertThat(sessionCookie(link)).isNull();
  }

  @Test
  void anUnknownPathIsAJson404WithNoRoomForScript() {
    for (String path : List.of("/nope", "/v1/nope", "/assets/nope.js")) {
      HttpResponse<String> answer = get(path, null);
      assertThat(answer.statusCode()).as(path).isEqualTo(404);
      assertThat(answer.headers().firstValue("Content-Type")).as(path).hasValueSatisfying(
          type -> assertThat(type).startsWith("application/json"));
      assertThat(answer.headers().firstValue("Content-Security-Policy")).as(path).contains("default-src 'none'; frame-ancestors 'none'");
      assertThat(answer.headers().firstValue("X-Content-Type-Options")).as(path).contains("nosniff");
      assertThat(answer.headers().firstValue("Strict-Transport-Security")).as("not over plain HTTP").isEmpty();
    }
    assertThat(get("/", null).headers().firstValue("Content-Security-Policy")).as("the page keeps its own")
        .hasValueSatisfying(csp -> assertThat(csp).contains("script-src 'self'"));
    assertThat(get("/assets/app.css", null).headers().allValues("Content-Security-Policy")).as("one policy, the page's")
        .singleElement().satisfies(csp -> assertThat(csp).contains("style-src 'self'"));
  }

  @Test
  void blankTokensMatchNothing() {
    assertThat(sessionCookie(get("/?token=", null))).isNull();
    assertThat(dev.parley.server.config.Secrets.same("", "")).isFalse();
  }

  @Test
  void aWrongTokenGetsNoSession() {
    HttpResponse<String> link = get("/?token=wrong", null);
    assertThat(link.statusCode()).isEqualTo(303);
    assertThat(sessionCookie(link)).isNull();

    HttpResponse<String> login = TestServer.send(HttpRequest.newBuilder(server.uri("/login"))
        .header("Content-Type", "application/json")
        .POST(HttpRequest.BodyPublishers.ofString("{\"token\":\"wrong\"}")).build());
    assertThat(login.statusCode()).isEqualTo(401);
    assertThat(sessionCookie(login)).isNull();
  }

  @Test
  void signingInWithTheFormThenOutEndsTheSession() {
    HttpResponse<String> login = TestServer.send(HttpRequest.newBuilder(server.uri("/login"))
        .header("Content-Type", "application/json")
        .POST(HttpRequest.BodyPublishers.ofString("{\"token\":\"" + TestServer.ADMIN_TOKEN + "\"}")).build());
    assertThat(login.statusCode()).isEqualTo(204);
    String cookie = sessionCookie(login);
    String session = cookie.substring(0, cookie.indexOf(';'));
    assertThat(get("/api/v1/violations", session).statusCode()).isEqualTo(200);

    HttpResponse<String> logout = TestServer.send(HttpRequest.newBuilder(server.uri("/logout"))
        .header("Cookie", session).POST(HttpRequest.BodyPublishers.noBody()).build());
    assertThat(logout.statusCode()).isEqualTo(204);
    assertThat(get("/api/v1/violations", session).statusCode()).isEqualTo(401);
  }
}
