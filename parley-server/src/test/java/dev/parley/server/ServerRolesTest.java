package dev.parley.server;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.parley.server.config.ConfigResolver;
import dev.parley.server.config.Role;
import dev.parley.server.config.Setting;
import dev.parley.server.testing.Messages;
import dev.parley.server.testing.TestServer;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.util.EnumSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code --roles}: a process serves the routes of its roles, says which role serves the others, and always /healthz. */
class ServerRolesTest {
  @TempDir Path dir;

  @Test
  void aCollectorWithoutTheReadRoleTakesEventsAndSaysWhereTheReadApiIsNot() {
    try (TestServer server = TestServer.start(dir, c -> c.withRoles(Set.of(Role.COLLECT, Role.LOAD)))) {
      assertThat(server.post("/v1/batch", Messages.batch(List.of(Messages.started("u1", "c1", "m1")))).statusCode())
          .isEqualTo(200);
      server.awaitLoaded();

      HttpResponse<String> summary = server.getNow("/api/v1/summary");
      assertThat(summary.statusCode()).isEqualTo(404);
      assertThat(summary.body()).contains("GET /api/v1/summary is not served here")
          .contains("--roles collect,load").contains("(read serves it)");
      assertThat(server.getNow("/").statusCode()).as("no dashboard").isEqualTo(404);
      assertThat(server.delete("/api/v1/users/u1").statusCode()).as("no erasure").isEqualTo(404);
      assertThat(server.getNow("/healthz").statusCode()).isEqualTo(200);
      assertThat(server.getNow("/metrics").statusCode()).isEqualTo(200);
      assertThat(server.server().routes()).noneMatch(route -> route.contains("/api/"));
    }
  }

  @Test
  void aReaderWithoutTheCollectRoleAnswersReadsAndRefusesIngestSayingWhy() {
    try (TestServer collector = TestServer.start(dir)) {
      collector.post("/v1/track", Messages.started("u1", "c1", "m1").toString());
      collector.awaitLoaded();
    }
    try (TestServer reader = TestServer.start(dir, c -> c.withRoles(Set.of(Role.LOAD, Role.READ)))) {
      HttpResponse<String> ingest = reader.post("/v1/track", Messages.started("u1", "c1", "m2").toString());
      assertThat(ingest.statusCode()).isEqualTo(404);
      assertThat(ingest.body()).contains("POST /v1/track is not served here").contains("(collect serves it)");
      assertThat(reader.post("/v1/traces", "{}").statusCode()).as("OTLP is collecting too").isEqualTo(404);

      assertThat(reader.events(Map.of("userId", "u1"))).as("what was stored before").hasSize(1);
    }
  }

  @Test
  void anUnknownRouteIsStillJustUnknown() {
    try (TestServer server = TestServer.start(dir, c -> c.withRoles(Set.of(Role.COLLECT, Role.LOAD)))) {
      HttpResponse<String> answer = server.getNow("/nothing-here");
      assertThat(answer.statusCode()).isEqualTo(404);
      assertThat(answer.body()).contains("no such route: GET /nothing-here");
    }
  }

  @Test
  void onlyClusterModeMayLeaveLoadingToOthers() {
    assertThatThrownBy(() -> TestServer.start(dir, c -> c.withRoles(Set.of(Role.COLLECT, Role.READ))).close())
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("--roles collect,read leaves out load, which only cluster mode can");
    assertThat(dir.resolve("parley.duckdb")).as("nothing opened").doesNotExist();
  }

  @Test
  void rolesAreReadFromTheFlagTheEnvironmentOrTheFile() {
    assertThat(resolve(Map.of(), Map.of()).roles()).isEqualTo(EnumSet.allOf(Role.class));
    assertThat(resolve(Map.of(Setting.ROLES, " collect , LOAD"), Map.of()).roles()).containsExactlyInAnyOrder(
        Role.COLLECT, Role.LOAD);
    assertThat(resolve(Map.of(), Map.of("PARLEY_ROLES", "read,load")).roles()).containsExactlyInAnyOrder(
        Role.READ, Role.LOAD);
    assertThatThrownBy(() -> resolve(Map.of(Setting.ROLES, "collect,write"), Map.of()))
        .hasMessage("--roles takes collect, load, read, not \"write\"");
    assertThatThrownBy(() -> resolve(Map.of(Setting.ROLES, " , "), Map.of()))
        .hasMessage("--roles needs at least one of collect, load, read");
  }

  private dev.parley.server.config.ServerConfig resolve(Map<Setting, String> flags, Map<String, String> env) {
    return ConfigResolver.of(flags, env, dir.resolve("absent.yml"), false).resolve();
  }
}
