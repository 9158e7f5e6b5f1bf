package dev.parley.spec.testing;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * The shared conformance vectors in {@code ../shared/conformance/}, read from where they
 * live (never copied). Every suite that validates or ingests events runs them.
 *
 * <p>The folder is found from the system property {@code parley.conformance}, the
 * environment variable {@code PARLEY_CONFORMANCE}, or else by walking up from the working
 * directory to the project root and looking beside it.
 */
public final class Conformance {
  private static final ObjectMapper JSON = new ObjectMapper();

  /** A message that must validate cleanly. */
  public record ValidCase(String name, ObjectNode message) {
    @Override
    public String toString() {
      return name;
    }
  }

  /** One violation a case expects. */
  public record Expected(String code, String path) {}

  /** A message that must produce exactly these violations. */
  public record ViolationCase(String name, ObjectNode message, List<Expected> expect) {
    @Override
    public String toString() {
      return name;
    }
  }

  /** A raw request body for an ingest endpoint and the status the collector must answer. */
  public record WireCase(String name, String endpoint, String body, int expectStatus) {
    @Override
    public String toString() {
      return name;
    }
  }

  private Conformance() {}

  /** The folder holding the vectors. */
  public static Path directory() {
    String configured = System.getProperty("parley.conformance", System.getenv("PARLEY_CONFORMANCE"));
    if (configured != null) {
      return Path.of(configured);
    }
    String root = System.getProperty("parley.root");
    Path start = root != null ? Path.of(root) : Path.of("").toAbsolutePath();
    for (Path dir = start.toAbsolutePath(); dir != null; dir = dir.getParent()) {
      Path candidate = dir.resolveSibling("shared").resolve("conformance");
      if (Files.isRegularFile(candidate.resolve("valid.json"))) {
        return candidate;
      }
    }
    throw new IllegalStateException("conformance vectors not found beside the project (../shared/conformance)"
        + " from " + start + "; set -Dparley.conformance=DIR");
  }

  public static List<ValidCase> valid() {
    List<ValidCase> cases = new ArrayList<>();
    for (JsonNode c : read("valid.json").get("cases")) {
      cases.add(new ValidCase(c.get("name").asText(), (ObjectNode) c.get("message")));
    }
    return cases;
  }

  public static List<ViolationCase> violations() {
    List<ViolationCase> cases = new ArrayList<>();
    for (JsonNode c : read("violations.json").get("cases")) {
      List<Expected> expect = new ArrayList<>();
      for (JsonNode e : c.get("expect")) {
        expect.add(new Expected(e.get("code").asText(), e.get("path").asText()));
      }
      cases.add(new ViolationCase(c.get("name").asText(), (ObjectNode) c.get("message"), List.copyOf(expect)));
    }
    return cases;
  }

  public static List<WireCase> wire() {
    List<WireCase> cases = new ArrayList<>();
    for (JsonNode c : read("wire.json").get("cases")) {
      cases.add(new WireCase(c.get("name").asText(), c.get("endpoint").asText(),
          c.get("body").asText(), c.get("expectStatus").asInt()));
    }
    return cases;
  }

  private static JsonNode read(String file) {
    try {
      return JSON.readTree(directory().resolve(file).toFile());
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }
}
