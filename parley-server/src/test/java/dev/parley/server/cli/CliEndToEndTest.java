package dev.parley.server.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import dev.parley.server.testing.Cli;
import dev.parley.server.testing.Eventually;
import dev.parley.server.testing.TestServer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.function.Supplier;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code parley keys}, {@code import}, {@code export} and {@code serve --help}, run as the command line runs them. */
class CliEndToEndTest {
  @TempDir Path dir;


  @Test
  void keysAreCreatedListedAndRevokedAndARunningServerFollows() {
    Path data = dir.resolve("data");
    try (TestServer server = TestServer.start(data)) {
      Cli.Run created = Cli.run("keys", "create", "--data", data.toString(), "--name", "web");
      assertThat(created.status()).isZero();
      Matcher key = Pattern.compile("write key (wk_[0-9a-f]+)").matcher(created.out());
      assertThat(key.find()).isTrue();
      String body = "{\"userId\":\"cli-user\",\"event\":\"E\"}";
      Supplier<Integer> post = () -> server.post("/v1/track", body.getBytes(), Map.of("Authorization",
          TestServer.basic(key.group(1)))).statusCode();
      assertThat(Eventually.answer(post, status -> status == 200)).as("the server follows keys.json").isEqualTo(200);

      Cli.Run listed = Cli.run("keys", "list", "--data", data.toString());
      assertThat(listed.out()).contains("web").contains("active")
          .as("keys are kept hashed, never listed").doesNotContain(key.group(1));

      assertThat(Cli.run("keys", "revoke", "--data", data.toString(), key.group(1)).status()).isZero();
      assertThat(Cli.run("keys", "list", "--data", data.toString()).out()).contains("revoked");
      assertThat(Eventually.answer(post, status -> status == 401)).isEqualTo(401);
      assertThat(Cli.run("keys", "revoke", "--data", data.toString(), "nope").status()).isEqualTo(1);
    }
  }

  @Test
  void importedMessagesGoThroughIngestAndExportReturnsThem() throws Exception {
    Path data = dir.resolve("data");
    Path input = dir.resolve("in.ndjson");
    Files.write(input, List.of(
        "{\"type\":\"track\",\"userId\":\"u\",\"event\":\"Conversation Started\",\"messageId\":\"i-1\","
            + "\"timestamp\":\"2026-11-20T10:00:00Z\",\"properties\":{\"conversationId\":\"c\"}}",
        "{\"type\":\"track\",\"userId\":\"u\",\"event\":\"Message Sent\",\"messageId\":\"i-2\","
            + "\"timestamp\":\"2026-11-21T10:00:00Z\",\"properties\":{\"conversationId\":\"c\"}}",
        "",
        "{\"event\":\"no identity\"}",
        "not json",
        "{\"type\":\"track\",\"userId\":\"u\",\"event\":\"Conversation Started\",\"messageId\":\"i-1\","
            + "\"properties\":{\"conversationId\":\"c\"}}",
        "{\"type\":\"track\",\"userId\":\"u\",\"event\":\"Conversation Started\",\"messageId\":\"i-\\ud800\"}"));

    Cli.Run imported = Cli.run("import", "--data", data.toString(), input.toString());
    assertThat(imported.status()).as(imported.err()).isEqualTo(1);
    assertThat(imported.out()).contains("3 messages accepted").contains("3 refused");
    assertThat(imported.err()).contains("line 4:").contains("line 5:").contains("line 7: an escaped UTF-16 surrogate");

    Path all = dir.resolve("all.ndjson");
    assertThat(Cli.run("export", "--data", data.toString(), "-o", all.toString()).status()).isZero();
    assertThat(Files.readAllLines(all)).hasSize(2).first().asString().contains("\"i-1\"");

    Path later = dir.resolve("later.ndjson");
    assertThat(Cli.run("export", "--data", data.toString(), "--from", "2026-11-21T00:00:00Z", "-o", later.toString())
        .status()).isZero();
    assertThat(Files.readAllLines(later)).hasSize(1).first().asString().contains("\"i-2\"");
  }

  @Test
  void anExportImportedElsewhereKeepsItsTimes() throws Exception {
    Path first = dir.resolve("first");
    Path input = dir.resolve("history.ndjson");
    Files.write(input, List.of(
        "{\"type\":\"track\",\"userId\":\"u\",\"event\":\"Conversation Started\",\"messageId\":\"h-1\","
            + "\"timestamp\":\"2026-01-01T10:00:00Z\",\"sentAt\":\"2026-01-01T10:00:02Z\","
            + "\"properties\":{\"conversationId\":\"c\"}}"));
    assertThat(Cli.run("import", "--data", first.toString(), input.toString()).status()).isZero();
    Path exported = dir.resolve("exported.ndjson");
    assertThat(Cli.run("export", "--data", first.toString(), "-o", exported.toString()).status()).isZero();
    JsonNode once = TestServer.json(Files.readAllLines(exported).get(0));
    assertThat(once.get("timestamp").asText()).isEqualTo("2026-01-01T10:00:00Z");

    Path second = dir.resolve("second");
    assertThat(Cli.run("import", "--data", second.toString(), exported.toString()).status()).isZero();
    Path again = dir.resolve("again.ndjson");
    assertThat(Cli.run("export", "--data", second.toString(), "-o", again.toString()).status()).isZero();
    JsonNode twice = TestServer.json(Files.readAllLines(again).get(0));
    assertThat(twice.get("timestamp").asText()).isEqualTo("2026-01-01T10:00:00Z");
    assertThat(twice.get("originalTimestamp").asText()).isEqualTo("2026-01-01T10:00:00Z");
    assertThat(twice.get("receivedAt").asText()).isEqualTo(once.get("receivedAt").asText());
  }

  @Test
  void serveHelpDocumentsEveryOption() {
    Cli.Run help = Cli.run("serve", "--help");

    assertThat(help.out()).contains("--port", "--data", "--write-key", "--admin-token", "--validation",
        "PARLEY_PORT", "PARLEY_WRITE_KEY", "PARLEY_ADMIN_TOKEN", "parley.yml");
  }

  @Test
  void exportFromAnotherProcessExplainsThatTheServerHoldsTheDataDirectory() throws Exception {
    Path data = dir.resolve("held");
    try (TestServer server = TestServer.start(data)) {
      Process export = new ProcessBuilder(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
          "-cp", System.getProperty("java.class.path"), Main.class.getName(),
          "export", "--data", data.toString(), "-o", dir.resolve("x.ndjson").toString())
          .redirectErrorStream(true).start();
      String output = new String(export.getInputStream().readAllBytes(), StandardCharsets.UTF_8);

      assertThat(export.waitFor()).as(output).isEqualTo(2);
      assertThat(output).contains("parley serve running");
    }
  }

  @Test
  void serveReportsAnUnusableConfigurationWithoutAStackTrace() {
    Cli.Run serve = Cli.run("serve", "--data", dir.resolve("d").toString(), "--validation", "strict");

    assertThat(serve.status()).isEqualTo(2);
    assertThat(serve.err()).contains("flag or block").doesNotContain("Exception");
  }
}
