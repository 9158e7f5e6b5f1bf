package dev.parley.server.privacy;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.parley.server.cli.Main;
import dev.parley.server.config.NewKey;
import dev.parley.server.testing.LogCapture;
import dev.parley.server.testing.Messages;
import dev.parley.server.testing.RawFiles;
import dev.parley.server.testing.TestServer;
import dev.parley.spec.privacy.ContentMode;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/**
 * Messages full of personal data go through each content mode; afterwards the raw bytes of
 * the database file and its WAL, the logs and an export hold none of it.
 */
class ContentModeEndToEndTest {
  private static final ObjectMapper JSON = new ObjectMapper();
  private static final List<String> PII = List.of("jane.doe@example.com", "+44 20 7946 0958",
      "4111 1111 1111 1111", "GB82 WEST 1234 5698 7654 32", "192.168.10.77", "078-05-1120");
  private static final String PHRASE = "the launch code is tangerine owl";
  private static final String BODY = "Hi, I'm " + PII.get(0) + ", call " + PII.get(1) + ", card " + PII.get(2)
      + ", IBAN " + PII.get(3) + ", from " + PII.get(4) + ", SSN " + PII.get(5) + "; " + PHRASE;

  @TempDir Path dataDir;

  @ParameterizedTest
  @EnumSource(value = ContentMode.class, names = {"MASK", "HASH", "DROP"})
  void noTextOfTheTreatedPathsReachesTheFilesTheLogsOrAnExport(ContentMode mode) throws Exception {
    List<String> secret = new ArrayList<>(PII);
    if (mode != ContentMode.MASK) {
      secret.add(PHRASE); // mask only replaces what it detects
    }
    try (LogCapture logs = new LogCapture()) {
      try (TestServer server = TestServer.start(dataDir, c -> c.withPrivacy(c.privacy().withContentMode(mode)
          .withContentPaths(List.of("properties.message_body", "context.traits"))))) {
        assertThat(server.post("/v1/batch", Messages.batch(messages("pii-user", 20))).statusCode()).isEqualTo(200);

        assertThat(RawFiles.of(dataDir)).as("database and WAL while running").doesNotContain(secret);
        assertThat(server.get("/metrics").body()).as("metrics").doesNotContain(secret);
        JsonNode stored = server.events(Map.of("userId", "pii-user")).get(0);
        String body = stored.at("/properties/message_body").asText();
        switch (mode) {
          case MASK -> assertThat(body).contains("[EMAIL]", "[PHONE]", "[CARD]", "[IBAN]", "[IP]", "[SSN]", PHRASE);
          case HASH -> assertThat(body).startsWith("hmac-sha256:");
          case DROP -> assertThat(stored.at("/properties/message_body_length").asInt()).isEqualTo(BODY.length());
          default -> throw new AssertionError(mode);
        }
        assertThat(stored.at("/context/traits/email").asText()).isNotEqualTo(PII.get(0));
      }
      assertThat(RawFiles.of(dataDir)).as("database after close").doesNotContain(secret);
      assertThat(logs.text()).doesNotContain(secret);
    }
    assertThat(export()).contains("pii-user").doesNotContain(secret);
  }

  @ParameterizedTest
  @EnumSource(value = ContentMode.class, names = {"MASK", "HASH", "DROP"})
  void noBodyReachesTheFilesInClearWhateverItsFormSpellingOrPlace(ContentMode mode) throws Exception {
    List<String> secret = new ArrayList<>(BYPASS_PII);
    if (mode != ContentMode.MASK) {
      secret.addAll(BYPASS_PHRASES);
    }
    try (TestServer server = TestServer.start(dataDir, c -> c.withPrivacy(c.privacy().withContentMode(mode)))) {
      assertThat(server.post("/v1/batch", Messages.batch(bypassMessages("bypass-user"))).statusCode()).isEqualTo(200);
      server.awaitLoaded();

      assertThat(RawFiles.of(dataDir)).as("database, WAL and log").doesNotContain(inFileBytes(secret));
      if (mode == ContentMode.MASK) {
        JsonNode events = server.events(Map.of("userId", "bypass-user"));
        assertThat(events.toString()).contains("[CARD]", "[EMAIL]", "[SSN]", "[IP]", "[IBAN]");
      }
    }
    assertThat(RawFiles.of(dataDir)).as("database after close").doesNotContain(inFileBytes(secret));
  }

  @Test
  void keepModeLeavesTheTextInTheWalSoTheByteCheckCanSeeText() {
    try (TestServer server = TestServer.start(dataDir)) {
      assertThat(server.post("/v1/batch", Messages.batch(messages("keep-user", 5))).statusCode()).isEqualTo(200);
      assertThat(server.post("/v1/batch", Messages.batch(bypassMessages("keep-user"))).statusCode()).isEqualTo(200);
      assertThat(RawFiles.of(dataDir)).contains(PII.get(0), PHRASE).contains(inFileBytes(BYPASS_PII))
          .contains(inFileBytes(BYPASS_PHRASES));
    }
  }

  @Test
  void hashModeGivesEqualTextsEqualHashes() {
    try (TestServer server = TestServer.start(dataDir,
        c -> c.withPrivacy(c.privacy().withContentMode(ContentMode.HASH).withHashKey("a-fixed-hash-key-of-the-test")))) {
      assertThat(server.post("/v1/batch", Messages.batch(messages("hash-user", 2))).statusCode()).isEqualTo(200);
      JsonNode events = server.events(Map.of("userId", "hash-user"));
      assertThat(events.get(0).at("/properties/message_body").asText())
          .isEqualTo(events.get(1).at("/properties/message_body").asText());
    }
  }

  @Test
  void aWriteKeysOwnContentModeWinsOverTheServers() {
    try (TestServer server = TestServer.start(dataDir,
        c -> c.withPrivacy(c.privacy().withContentMode(ContentMode.MASK)))) {
      NewKey dropping = server.server().collector().keys().create("app", Optional.empty(), Optional.of(ContentMode.DROP));
      byte[] body = Messages.batch(messages("key-user", 1)).getBytes(StandardCharsets.UTF_8);
      assertThat(server.post("/v1/batch", body, Map.of("Authorization", TestServer.basic(dropping.writeKey())))
          .statusCode()).isEqualTo(200);

      JsonNode stored = server.events(Map.of("userId", "key-user")).get(0);
      assertThat(stored.at("/properties/message_body").asText()).isEqualTo("[DROPPED]");
      assertThat(RawFiles.of(dataDir)).doesNotContain(PHRASE);
    }
  }

  private static List<ObjectNode> messages(String userId, int count) {
    List<ObjectNode> messages = new ArrayList<>();
    for (int i = 0; i < count; i++) {
      ObjectNode m = JSON.createObjectNode().put("type", "track").put("userId", userId)
          .put("event", "Message Sent").put("messageId", userId + "-" + i).put("timestamp", "2026-11-20T10:00:00.000Z");
      m.putObject("properties").put("conversationId", "c-" + userId).put("messageId", "m-" + i)
          .put("message_body", BODY);
      m.putObject("context").putObject("traits").put("email", PII.get(0));
      messages.add(m);
    }
    return messages;
  }

  /**
   * Bodies the content modes once let through: a number, the spellings the validator reads as
   * message_body, a top-level body beside the properties' one, the keys of an object body, an
   * internationalised e-mail address.
   */
  private static List<ObjectNode> bypassMessages(String userId) {
    List<ObjectNode> messages = new ArrayList<>();
    for (int i = 0; i < 4; i++) {
      ObjectNode m = JSON.createObjectNode().put("type", "track").put("userId", userId)
          .put("event", "Message Sent").put("messageId", userId + "-bypass-" + i)
          .put("timestamp", "2026-11-20T10:00:00.000Z");
      ObjectNode p = m.putObject("properties").put("conversationId", "c-" + userId).put("messageId", "b-" + i);
      switch (i) {
        case 0 -> {
          p.put("message_body", new java.math.BigInteger("4111111111111111"));
          m.put("message_body", "from 203.0.113.195, " + BYPASS_PHRASES.get(0));
        }
        case 1 -> p.put("messageBody", "I am jürgen.müller@example.de, " + BYPASS_PHRASES.get(1));
        case 2 -> p.put("message_bdy", "my SSN is 219-09-9999, " + BYPASS_PHRASES.get(2));
        default -> p.putObject("message_body").put("kim.lee@example.org", "GB33 BUKB 2020 1555 5555 55")
            .put(BYPASS_PHRASES.get(3), 5500005555555559L);
      }
      messages.add(m);
    }
    return messages;
  }

  private static final List<String> BYPASS_PII = List.of("4111111111111111", "203.0.113.195", "jürgen.mü",
      "219-09-9999", "kim.lee@example.org", "GB33 BUKB 2020 1555 5555 55", "5500005555555559");
  private static final List<String> BYPASS_PHRASES = List.of("the vault opens at noon", "the parrot speaks latin",
      "blue harbour protocol", "the kettle whistles twice");

  /** The strings as their UTF-8 bytes read as Latin-1, the way {@link RawFiles} reads the files. */
  private static List<String> inFileBytes(List<String> strings) {
    return strings.stream().map(s -> new String(s.getBytes(StandardCharsets.UTF_8), StandardCharsets.ISO_8859_1))
        .toList();
  }

  private String export() throws Exception {
    Path out = dataDir.resolveSibling(dataDir.getFileName() + "-export.ndjson");
    var cli = Main.commandLine();
    cli.setOut(new PrintWriter(new StringWriter()));
    cli.setErr(new PrintWriter(new StringWriter()));
    assertThat(cli.execute("export", "--data", dataDir.toString(), "-o", out.toString())).isZero();
    String text = Files.readString(out);
    Files.delete(out);
    return text;
  }
}
