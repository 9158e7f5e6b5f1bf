package dev.parley.spec.testing;

import com.fasterxml.jackson.databind.node.ObjectNode;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Assumptions;

/**
 * Conformance vectors for the spec notes. {@link #valid()}, {@link #violations()} and
 * {@link #wire()} are the project's own, carried in parley-spec's test resources
 * ({@code dev/parley/spec/conformance/}), so a clone alone runs them.
 *
 * <p>{@link #shared()} is an additional set kept beside the project, in the same format: found
 * from the system property {@code parley.conformance}, the environment variable
 * {@code PARLEY_CONFORMANCE}, or else by walking up from {@code parley.root} (or the working
 * directory) to a folder with {@code ../shared/conformance/valid.json}. It is never required:
 * suites mark the tests that run it {@link SharedVectors} and read it through
 * {@link #sharedOrSkip()}, so that they are skipped, with a message, when it is absent.
 */
public final class Conformance {
  /** Why the shared suites are skipped, and how to run them. */
  public static final String SHARED_MISSING = "shared conformance vectors not found beside the project"
      + " (../shared/conformance); set -Dparley.conformance=DIR to run them too";

  private static final String PROJECT_RESOURCES = "/dev/parley/spec/conformance/";

  /** A message that must validate cleanly; {@code specExample} marks the spec document's own examples. */
  public record ValidCase(String name, ObjectNode message, boolean specExample) {
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

  private static final class Project {
    static final VectorSet VECTORS = VectorSet.fromClasspath(PROJECT_RESOURCES);
  }

  private Conformance() {}

  /** The project's own vectors. */
  public static VectorSet project() {
    return Project.VECTORS;
  }

  /** The project's messages that must validate cleanly. */
  public static List<ValidCase> valid() {
    return project().valid();
  }

  /** The project's messages with exactly their expected violations. */
  public static List<ViolationCase> violations() {
    return project().violations();
  }

  /** The project's raw request bodies with the status they must be answered. */
  public static List<WireCase> wire() {
    return project().wire();
  }

  /** The shared vectors beside the project, when they are there. */
  public static Optional<VectorSet> shared() {
    return sharedDirectory().map(VectorSet::fromDirectory);
  }

  /** Whether the shared vectors are beside the project. */
  public static boolean sharedPresent() {
    return sharedDirectory().isPresent();
  }

  /** The shared vectors, or skips the calling test (JUnit assumption) with {@link #SHARED_MISSING}. */
  public static VectorSet sharedOrSkip() {
    Optional<VectorSet> shared = shared();
    Assumptions.assumeTrue(shared.isPresent(), SHARED_MISSING);
    return shared.get();
  }

  /** The folder of the shared vectors, when one is configured or found beside the project. */
  public static Optional<Path> sharedDirectory() {
    String configured = System.getProperty("parley.conformance", System.getenv("PARLEY_CONFORMANCE"));
    if (configured != null && !configured.isBlank()) {
      Path dir = Path.of(configured);
      return isVectorFolder(dir) ? Optional.of(dir) : Optional.empty();
    }
    String root = System.getProperty("parley.root");
    Path start = (root != null ? Path.of(root) : Path.of("")).toAbsolutePath();
    for (Path dir = start; dir.getParent() != null; dir = dir.getParent()) {
      Path candidate = dir.getParent().resolve("shared").resolve("conformance");
      if (isVectorFolder(candidate)) {
        return Optional.of(candidate);
      }
    }
    return Optional.empty();
  }

  private static boolean isVectorFolder(Path dir) {
    return Files.isRegularFile(dir.resolve("valid.json"));
  }
}
