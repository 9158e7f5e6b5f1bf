package dev.parley.server.cli;

import static org.assertj.core.api.Assertions.assertThat;

import dev.parley.server.testing.Cli;
import dev.parley.server.testing.Messages;
import dev.parley.server.testing.RawFiles;
import dev.parley.server.testing.TestServer;
import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class UsersCommandTest {
  @TempDir Path data;

  @Test
  void usersDeleteErasesAUserFromAStoppedServersDataDirectory() {
    try (TestServer server = TestServer.start(data)) {
      assertThat(server.post("/v1/track", Messages.started("cli-erase", "conv-cli-erase-xyz", "e-1").toString())
          .statusCode()).isEqualTo(200);
    }

    Cli.Run run = Cli.run("users", "delete", "--data", data.toString(), "cli-erase");

    assertThat(run.status()).as(run.err()).isZero();
    assertThat(run.out()).contains("erased user cli-erase: 1 events");
    assertThat(RawFiles.of(data)).doesNotContain("conv-cli-erase-xyz");
    try (TestServer again = TestServer.start(data)) {
      assertThat(again.post("/v1/track", Messages.started("cli-erase", "c", "e-2").toString()).statusCode())
          .isEqualTo(200);
      assertThat(again.events(Map.of("userId", "cli-erase"))).isEmpty();
    }
  }

  @Test
  void usersDeleteAsksARunningServerWithTheAdminToken() {
    try (TestServer server = TestServer.start(data)) {
      assertThat(server.post("/v1/track", Messages.started("remote-erase", "c", "r-1").toString()).statusCode())
          .isEqualTo(200);
      String url = "http://127.0.0.1:" + server.server().port();

      Cli.Run refused = Cli.run("users", "delete", "--server", url, "--admin-token", "nope",
          "remote-erase");
      Cli.Run erased = Cli.run("users", "delete", "--server", url, "--admin-token",
          TestServer.ADMIN_TOKEN, "remote-erase");

      assertThat(refused.status()).isEqualTo(1);
      assertThat(erased.status()).as(erased.err()).isZero();
      assertThat(erased.out()).contains("\"events\":1");
      assertThat(server.events(Map.of("userId", "remote-erase"))).isEmpty();
    }
  }
}
