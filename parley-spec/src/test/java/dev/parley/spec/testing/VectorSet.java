package dev.parley.spec.testing;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.parley.spec.testing.Conformance.Expected;
import dev.parley.spec.testing.Conformance.ValidCase;
import dev.parley.spec.testing.Conformance.ViolationCase;
import dev.parley.spec.testing.Conformance.WireCase;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * One set of conformance vectors, read from its three files ({@code valid.json},
 * {@code violations.json}, {@code wire.json}), all in the same format.
 *
 * @param origin where the set was read from, for messages
 */
public record VectorSet(String origin, List<ValidCase> valid, List<ViolationCase> violations, List<WireCase> wire) {
  private static final ObjectMapper JSON = new ObjectMapper();

  public VectorSet {
    valid = List.copyOf(valid);
    violations = List.copyOf(violations);
    wire = List.copyOf(wire);
  }

  /** Reads a set from a folder of the file system. */
  static VectorSet fromDirectory(Path dir) {
    return new VectorSet(dir.toString(), valid(read(dir, "valid.json")), violations(read(dir, "violations.json")),
        wire(read(dir, "wire.json")));
  }

  /** Reads a set from the class path, under {@code resourceFolder} (such as {@code /dev/parley/spec/conformance/}). */
  static VectorSet fromClasspath(String resourceFolder) {
    return new VectorSet("classpath:" + resourceFolder, valid(resource(resourceFolder + "valid.json")),
        violations(resource(resourceFolder + "violations.json")), wire(resource(resourceFolder + "wire.json")));
  }

  @Override
  public String toString() {
    return origin;
  }

  private static List<ValidCase> valid(JsonNode file) {
    List<ValidCase> cases = new ArrayList<>();
    for (JsonNode c : file.get("cases")) {
      cases.add(new ValidCase(c.get("name").asText(), (ObjectNode) c.get("message"),
          c.path("specExample").asBoolean(false)));
    }
    return cases;
  }

  private static List<ViolationCase> violations(JsonNode file) {
    List<ViolationCase> cases = new ArrayList<>();
    for (JsonNode c : file.get("cases")) {
      List<Expected> expect = new ArrayList<>();
      for (JsonNode e : c.get("expect")) {
        expect.add(new Expected(e.get("code").asText(), e.get("path").asText()));
      }
      cases.add(new ViolationCase(c.get("name").asText(), (ObjectNode) c.get("message"), List.copyOf(expect)));
    }
    return cases;
  }

  private static List<WireCase> wire(JsonNode file) {
    List<WireCase> cases = new ArrayList<>();
    for (JsonNode c : file.get("cases")) {
      cases.add(new WireCase(c.get("name").asText(), c.get("endpoint").asText(),
          c.get("body").asText(), c.get("expectStatus").asInt()));
    }
    return cases;
  }

  private static JsonNode read(Path dir, String file) {
    try (InputStream in = Files.newInputStream(dir.resolve(file))) {
      return JSON.readTree(in);
    } catch (IOException e) {
      throw new UncheckedIOException("cannot read " + dir.resolve(file), e);
    }
  }

  private static JsonNode resource(String name) {
    try (InputStream in = VectorSet.class.getResourceAsStream(name)) {
      if (in == null) {
        throw new IllegalStateException("the project's conformance vectors are missing from the class path: " + name);
      }
      return JSON.readTree(in);
    } catch (IOException e) {
      throw new UncheckedIOException("cannot read " + name, e);
    }
  }
}
