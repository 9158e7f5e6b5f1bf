package dev.parley.server.ingest;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import dev.parley.server.testing.ServerPerClass;
import dev.parley.server.testing.TestServer;
import dev.parley.spec.testing.Conformance;
import dev.parley.spec.testing.Conformance.WireCase;
import dev.parley.spec.testing.SharedVectors;
import java.net.http.HttpResponse;
import java.util.List;
import java.util.Set;
import java.util.stream.Collectors;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Every raw body of the {@code wire.json} vectors (the project's, and the shared ones when they
 * are beside the project), sent over HTTP, gets its expected status.
 */
class WireConformanceEndToEndTest {
  @RegisterExtension static final ServerPerClass shared = new ServerPerClass();
  static TestServer server;

  @BeforeAll
  static void start() {
    server = shared.get();
  }

  static List<WireCase> cases() {
    return Conformance.wire();
  }

  static List<WireCase> sharedCases() {
    return Conformance.sharedOrSkip().wire();
  }

  @Test
  void theProjectsWireVectorsReachEveryIngestPathWithAndWithoutATrailingSlash() {
    Set<String> endpoints = cases().stream().map(WireCase::endpoint).collect(Collectors.toSet());
    for (Endpoint endpoint : Endpoint.values()) {
      for (String path : endpoint.paths()) {
        assertThat(endpoints).as(path).containsAnyOf(path, path + "/");
      }
    }
    assertThat(endpoints).anyMatch(path -> path.endsWith("/"));
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("cases")
  void eachWireVectorIsAnsweredWithItsStatus(WireCase c) {
    assertAnswered(c);
  }

  @SharedVectors
  @ParameterizedTest(name = "shared: {0}")
  @MethodSource("sharedCases")
  void eachSharedWireVectorIsAnsweredWithItsStatus(WireCase c) {
    assertAnswered(c);
  }

  private static void assertAnswered(WireCase c) {
    HttpResponse<String> response = server.post(c.endpoint(), c.body());

    assertThat(response.statusCode()).as(response.body()).isEqualTo(c.expectStatus());
    JsonNode body = TestServer.json(response.body());
    assertThat(body.path("success").asBoolean()).isEqualTo(c.expectStatus() == 200);
    if (c.expectStatus() != 200) {
      assertThat(body.path("error").asText()).isNotBlank();
      assertThat(body.path("details").isArray()).isTrue();
    }
  }
}
