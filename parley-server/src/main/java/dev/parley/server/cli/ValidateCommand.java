package dev.parley.server.cli;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.parley.spec.Validator;
import dev.parley.spec.Violation;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.PrintWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/** {@code parley validate FILE}: checks NDJSON messages against the spec, offline. */
@Command(
    name = "validate",
    mixinStandardHelpOptions = true,
    description = {
        "Checks NDJSON messages (one Segment message per line) against the AI Copilot spec.",
        "Exit status: 0 when every message is clean, 1 when any has a violation,"
            + " 2 when the file cannot be read or a line is not a JSON object."
    })
final class ValidateCommand implements Callable<Integer> {
  static final int CLEAN = 0;
  static final int VIOLATIONS = 1;
  static final int UNREADABLE = 2;

  private static final ObjectMapper JSON = new ObjectMapper();

  @Spec CommandSpec spec;

  @Parameters(index = "0", paramLabel = "FILE", description = "NDJSON file to check, or - for standard input.")
  String file;

  @Option(names = "--json", description = "Print one JSON object per violation instead of text.")
  boolean json;

  @Override
  public Integer call() {
    PrintWriter out = spec.commandLine().getOut();
    PrintWriter err = spec.commandLine().getErr();
    Tally tally = new Tally();
    try (BufferedReader reader = open()) {
      String line;
      while ((line = reader.readLine()) != null) {
        tally.lines++;
        if (!line.isBlank()) {
          check(line, tally, out, err);
        }
      }
    } catch (NoSuchFileException e) {
      err.println("parley validate: no such file: " + file);
      return UNREADABLE;
    } catch (IOException e) {
      err.println("parley validate: cannot read " + file + ": " + e.getMessage());
      return UNREADABLE;
    }
    printSummary(tally, out);
    out.flush();
    if (tally.unreadable > 0) {
      return UNREADABLE;
    }
    return tally.violations > 0 ? VIOLATIONS : CLEAN;
  }

  private BufferedReader open() throws IOException {
    if ("-".equals(file)) {
      return new BufferedReader(new InputStreamReader(System.in, StandardCharsets.UTF_8));
    }
    return Files.newBufferedReader(Path.of(file), StandardCharsets.UTF_8);
  }

  private void check(String line, Tally tally, PrintWriter out, PrintWriter err) {
    JsonNode message;
    try {
      message = JSON.readTree(line);
    } catch (JsonProcessingException e) {
      tally.unreadable++;
      err.println("line " + tally.lines + ": not JSON: " + e.getOriginalMessage());
      return;
    }
    if (!(message instanceof ObjectNode)) {
      tally.unreadable++;
      err.println("line " + tally.lines + ": not a JSON object");
      return;
    }
    tally.messages++;
    List<Violation> violations = Validator.standard().validate(message);
    if (!violations.isEmpty()) {
      tally.messagesWithViolations++;
      tally.violations += violations.size();
    }
    for (Violation v : violations) {
      if (json) {
        ObjectNode row = JSON.createObjectNode();
        row.put("line", tally.lines).put("event", v.event()).put("code", v.code().wireName())
            .put("path", v.path()).put("message", v.message());
        out.println(row);
      } else {
        out.println("line " + tally.lines + ": " + v);
      }
    }
  }

  private void printSummary(Tally tally, PrintWriter out) {
    if (json) {
      ObjectNode summary = JSON.createObjectNode();
      summary.putObject("summary").put("messages", tally.messages)
          .put("messagesWithViolations", tally.messagesWithViolations)
          .put("violations", tally.violations).put("unreadableLines", tally.unreadable);
      out.println(summary);
    } else {
      out.println(tally.messages + " messages, " + tally.messagesWithViolations + " with violations, "
          + tally.violations + " violations" + (tally.unreadable > 0 ? ", " + tally.unreadable + " unreadable lines" : ""));
    }
  }

  private static final class Tally {
    int lines;
    int messages;
    int messagesWithViolations;
    int violations;
    int unreadable;
  }
}
