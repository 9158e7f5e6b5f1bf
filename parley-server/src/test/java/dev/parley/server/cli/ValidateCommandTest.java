package dev.parley.server.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.parley.server.testing.Cli;
import dev.parley.spec.testing.Conformance;
import dev.parley.spec.testing.SharedVectors;
import dev.parley.spec.testing.VectorSet;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ValidateCommandTest {
  private static final ObjectMapper JSON = new ObjectMapper();

  @TempDir Path dir;


  private Path file(List<String> lines) throws Exception {
    Path path = dir.resolve("events.ndjson");
    Files.write(path, lines);
    return path;
  }

  @Test
  void theValidVectorsAreClean() throws Exception {
    assertValidVectorsAreClean(Conformance.project());
  }

  @Test
  void mixedFilePrintsEachViolationWithItsLineAsJson() throws Exception {
    assertEachViolationIsPrintedWithItsLine(Conformance.project());
  }

  @Test
  @SharedVectors
  void theSharedValidVectorsAreClean() throws Exception {
    assertValidVectorsAreClean(Conformance.sharedOrSkip());
  }

  @Test
  @SharedVectors
  void theSharedViolationVectorsArePrintedWithTheirLines() throws Exception {
    assertEachViolationIsPrintedWithItsLine(Conformance.sharedOrSkip());
  }

  private void assertValidVectorsAreClean(VectorSet vectors) throws Exception {
    List<String> lines = new ArrayList<>();
    vectors.valid().forEach(c -> lines.add(c.message().toString()));
    Cli.Run run = Cli.run("validate", file(lines).toString());
    assertThat(run.status()).isZero();
    assertThat(run.lines()).containsExactly(lines.size() + " messages, 0 with violations, 0 violations");
  }

  private void assertEachViolationIsPrintedWithItsLine(VectorSet vectors) throws Exception {
    List<String> lines = new ArrayList<>();
    lines.add(vectors.valid().get(0).message().toString());
    List<Conformance.ViolationCase> broken = vectors.violations();
    int expected = 0;
    for (Conformance.ViolationCase c : broken) {
      lines.add(c.message().toString());
      expected += c.expect().size();
    }
    lines.add("");
    Cli.Run run = Cli.run("validate", "--json", file(lines).toString());
    assertThat(run.status()).isEqualTo(ValidateCommand.VIOLATIONS);
    List<JsonNode> rows = new ArrayList<>();
    for (String line : run.lines()) {
      rows.add(JSON.readTree(line));
    }
    JsonNode summary = rows.remove(rows.size() - 1).get("summary");
    assertThat(summary.get("messages").asInt()).isEqualTo(broken.size() + 1);
    assertThat(summary.get("violations").asInt()).isEqualTo(expected);
    assertThat(rows).hasSize(expected);
    for (int i = 0; i < broken.size(); i++) {
      int line = i + 2;
      List<String> got = rows.stream().filter(r -> r.get("line").asInt() == line)
          .map(r -> r.get("code").asText() + "@" + r.get("path").asText()).toList();
      assertThat(got).as(broken.get(i).name())
          .containsExactlyInAnyOrderElementsOf(broken.get(i).expect().stream().map(e -> e.code() + "@" + e.path()).toList());
    }
    assertThat(rows.get(0).get("event").asText()).isNotBlank();
    assertThat(rows.get(0).get("message").asText()).isNotBlank();
  }

  @Test
  void textOutputNamesLineEventCodeAndPath() throws Exception {
    Cli.Run run = Cli.run("validate", file(List.of(
        "{\"type\":\"track\",\"userId\":\"1\",\"event\":\"Feedback Submitted\",\"properties\":{\"conversationId\":\"c\",\"rating\":\"5\"}}"))
        .toString());
    assertThat(run.status()).isEqualTo(1);
    assertThat(run.lines().get(0))
        .startsWith("line 1: Feedback Submitted: wrong_type at properties.rating:")
        .contains("must be a number, not a string");
  }

  @Test
  void aLineThatIsNotJsonIsNamedAndExitsTwo() throws Exception {
    Cli.Run run = Cli.run("validate", file(List.of(
        Conformance.valid().get(0).message().toString(),
        "{\"userId\": \"123\" || \"anonymousId\" : \"768923ihuy32\"}",
        "[1,2]")).toString());
    assertThat(run.status()).isEqualTo(ValidateCommand.UNREADABLE);
    assertThat(run.err()).contains("line 2: not JSON").contains("line 3: not a JSON object");
    assertThat(run.out()).contains("1 messages, 0 with violations, 0 violations, 2 unreadable lines");
  }

  @Test
  void aMissingFileExitsTwo() {
    Cli.Run run = Cli.run("validate", dir.resolve("nope.ndjson").toString());
    assertThat(run.status()).isEqualTo(2);
    assertThat(run.err()).contains("no such file");
  }

  @Test
  void versionIsPrinted() {
    Cli.Run run = Cli.run("--version");
    assertThat(run.status()).isZero();
    assertThat(run.out()).startsWith("parley 0.");
  }
}
