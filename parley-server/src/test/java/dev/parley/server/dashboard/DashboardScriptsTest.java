package dev.parley.server.dashboard;

import static java.nio.charset.StandardCharsets.UTF_8;
import static org.assertj.core.api.Assertions.assertThat;

import java.io.File;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Test;

/**
 * The dashboard's JavaScript unit tests ({@code src/test/js/*.test.js}, Node's built-in test
 * runner, no npm dependencies) as part of {@code mvn verify}. Skipped, saying how to run them,
 * when no Node.js 18 or later is on the PATH; failed instead when {@code PARLEY_REQUIRE_NODE}
 * is set, as {@code .ci/run} does.
 */
class DashboardScriptsTest {
  private static final Path TESTS = Path.of("src", "test", "js");
  private static final Path OUTPUT = Path.of("target", "dashboard-script-tests.txt");
  private static final int MINIMUM_MAJOR = 18;
  private static final Pattern VERSION = Pattern.compile("^v(\\d+)\\.");
  private static final String HOW_TO_RUN = "Install Node.js " + MINIMUM_MAJOR + " or later (or point PARLEY_NODE at"
      + " its node), then run 'mvn -B -pl parley-server test -Dtest=DashboardScriptsTest', or"
      + " 'node --test parley-server/src/test/js/*.test.js' from the project's root.";

  @Test
  void theDashboardsScriptTestsPass() throws Exception {
    Path node = assumeNode();
    List<String> command = new ArrayList<>(List.of(node.toString(), "--test", "--test-reporter=spec"));
    try (Stream<Path> files = Files.list(TESTS)) {
      files.map(Path::toString).filter(name -> name.endsWith(".test.js")).sorted().forEach(command::add);
    }
    assertThat(command).as("test files in " + TESTS.toAbsolutePath()).hasSizeGreaterThan(3);

    Files.createDirectories(OUTPUT.getParent());
    ProcessBuilder builder = new ProcessBuilder(command).redirectErrorStream(true).redirectOutput(OUTPUT.toFile());
    builder.environment().put("NO_COLOR", "1");
    builder.environment().remove("FORCE_COLOR");
    Process run = builder.start();
    boolean finished = run.waitFor(2, TimeUnit.MINUTES);
    if (!finished) {
      run.descendants().forEach(ProcessHandle::destroyForcibly);
      run.destroyForcibly().waitFor();
    }
    String output = Files.readString(OUTPUT, UTF_8);
    System.out.print(output);
    assertThat(finished).as("node --test finished within 2 minutes:%n%s", output).isTrue();
    assertThat(run.exitValue()).as("node --test failed (the output is in %s):%n%s", OUTPUT, output).isZero();
  }

  /** Node from PARLEY_NODE or the PATH, if it is recent enough; else the test is skipped (or failed in CI). */
  private static Path assumeNode() throws IOException, InterruptedException {
    Optional<Path> node = findNode();
    String version = node.isPresent() ? version(node.get()) : "";
    String problem = node.isEmpty() ? "no node " + (System.getenv("PARLEY_NODE") == null ? "on the PATH" : "at PARLEY_NODE")
        : major(version) >= MINIMUM_MAJOR ? null
        : node.get() + " is " + (version.isEmpty() ? "not a working node" : version);
    if (problem != null && System.getenv("PARLEY_REQUIRE_NODE") != null) {
      throw new IllegalStateException("PARLEY_REQUIRE_NODE is set but " + problem + ". " + HOW_TO_RUN);
    }
    if (problem != null) {
      // Printed as well, so the reason shows in Maven's output and not only in the report.
      String skipped = "Dashboard script tests skipped: " + problem + ". " + HOW_TO_RUN;
      System.out.println(skipped);
      Assumptions.abort(skipped);
    }
    return node.orElseThrow();
  }

  private static Optional<Path> findNode() {
    String configured = System.getenv("PARLEY_NODE");
    if (configured != null) {
      return Optional.of(Path.of(configured)).filter(DashboardScriptsTest::isProgram);
    }
    String name = System.getProperty("os.name").startsWith("Windows") ? "node.exe" : "node";
    return Stream.of(System.getenv().getOrDefault("PATH", "").split(File.pathSeparator))
        .filter(dir -> !dir.isBlank())
        .map(dir -> Path.of(dir, name))
        .filter(DashboardScriptsTest::isProgram)
        .findFirst();
  }

  private static boolean isProgram(Path path) {
    return Files.isRegularFile(path) && Files.isExecutable(path);
  }

  /** What {@code node --version} prints, such as "v20.20.2", or "" when it does not run. */
  private static String version(Path node) throws InterruptedException {
    try {
      Process process = new ProcessBuilder(node.toString(), "--version").redirectErrorStream(true).start();
      String out = new String(process.getInputStream().readAllBytes(), UTF_8).trim();
      return process.waitFor(30, TimeUnit.SECONDS) && process.exitValue() == 0 ? out : "";
    } catch (IOException e) {
      return "";
    }
  }

  private static int major(String version) {
    Matcher match = VERSION.matcher(version);
    return match.find() ? Integer.parseInt(match.group(1)) : 0;
  }
}
