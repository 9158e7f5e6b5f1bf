package dev.parley.server.ingest;

import static org.assertj.core.api.Assertions.assertThat;

import dev.parley.server.testing.Messages;
import dev.parley.server.testing.ServerPerClass;
import dev.parley.server.testing.TestServer;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/** Browser sources (analytics.js) can send: /v1/* answers preflights and carries Allow-Origin. */
class CorsEndToEndTest {
  private static final String ORIGIN = "https://shop.example";

  @RegisterExtension static final ServerPerClass server = new ServerPerClass();

  @Test
  void preflightsOnV1AllowTheOriginTheHeadersAndPost() {
    for (String path : List.of("/v1/batch", "/v1/t", "/v1/import/")) {
      HttpResponse<String> preflight = TestServer.send(HttpRequest.newBuilder(server.get().uri(path))
          .method("OPTIONS", HttpRequest.BodyPublishers.noBody()).header("Origin", ORIGIN)
          .header("Access-Control-Request-Method", "POST")
          .header("Access-Control-Request-Headers", "authorization, content-type").build());

      assertThat(preflight.statusCode()).as(path).isEqualTo(204);
      assertThat(preflight.headers().firstValue("Access-Control-Allow-Origin")).as(path).contains(ORIGIN);
      assertThat(preflight.headers().firstValue("Access-Control-Allow-Headers").orElse("").toLowerCase())
          .contains("authorization", "content-type");
      assertThat(preflight.headers().firstValue("Access-Control-Allow-Methods").orElse("")).contains("POST", "OPTIONS");
    }
  }

  @Test
  void postAnswersCarryAllowOriginEvenWhenRefused() {
    HttpResponse<String> stored = TestServer.send(HttpRequest.newBuilder(server.get().uri("/v1/t"))
        .header("Origin", ORIGIN).header("Content-Type", "text/plain")
        .header("Authorization", TestServer.basic(TestServer.WRITE_KEY))
        .POST(HttpRequest.BodyPublishers.ofString(Messages.started("cors-user", "c", "cors-1").toString())).build());
    HttpResponse<String> refused = TestServer.send(HttpRequest.newBuilder(server.get().uri("/v1/t"))
        .header("Origin", ORIGIN).header("Authorization", TestServer.basic("wrong"))
        .POST(HttpRequest.BodyPublishers.ofString("{}")).build());

    assertThat(stored.statusCode()).isEqualTo(200);
    assertThat(stored.headers().firstValue("Access-Control-Allow-Origin")).contains(ORIGIN);
    assertThat(refused.statusCode()).isEqualTo(401);
    assertThat(refused.headers().firstValue("Access-Control-Allow-Origin")).contains(ORIGIN);
  }
}
