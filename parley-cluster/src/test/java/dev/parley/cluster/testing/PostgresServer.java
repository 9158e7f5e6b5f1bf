package dev.parley.cluster.testing;

import java.io.IOException;
import java.net.ServerSocket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import org.junit.jupiter.api.Assumptions;

/**
 * A throwaway PostgreSQL server for tests: {@code initdb} into a fresh directory, started on
 * a free port of 127.0.0.1, stopped and deleted on close. It runs the system's own binaries
 * (Debian's {@code postgresql} package: {@code /usr/lib/postgresql/<version>/bin}, or
 * {@code PARLEY_PG_BIN}); as root it runs them as the {@code postgres} user. Without them the
 * test is skipped, saying how to run it, unless {@code PARLEY_REQUIRE_POSTGRES} is set
 * ({@code .ci/run} sets it), and then it fails.
 */
public final class PostgresServer implements AutoCloseable {
  private final Path bin;
  private final Path dir;
  private final int port;

  private PostgresServer(Path bin, Path dir, int port) {
    this.bin = bin;
    this.dir = dir;
    this.port = port;
  }

  private static final String NOT_INSTALLED = "PostgreSQL is not installed (apt-get install postgresql, or set"
      + " PARLEY_PG_BIN to its bin directory); .ci/run installs it and runs these tests";

  /**
   * Why a test that needs PostgreSQL should be skipped: it is not installed and not required
   * ({@code PARLEY_REQUIRE_POSTGRES} unset). Empty when the test should run (and then fails
   * if PostgreSQL is required but missing). For engines without JUnit's assumptions (jqwik).
   */
  public static Optional<String> skipReason() throws IOException {
    return binaries().isEmpty() && System.getenv("PARLEY_REQUIRE_POSTGRES") == null
        ? Optional.of(NOT_INSTALLED) : Optional.empty();
  }

  /** Starts a server, or skips the calling test when PostgreSQL is not installed. */
  public static PostgresServer start() throws IOException, InterruptedException {
    Optional<Path> bin = binaries();
    if (bin.isEmpty()) {
      if (System.getenv("PARLEY_REQUIRE_POSTGRES") != null) {
        throw new AssertionError(NOT_INSTALLED);
      }
      Assumptions.abort(NOT_INSTALLED);
    }
    Path dir = Files.createTempDirectory(Path.of("/tmp"), "parley-pg-");
    Files.setPosixFilePermissions(dir, PosixFilePermissions.fromString("rwxr-xr-x"));
    int port;
    try (ServerSocket socket = new ServerSocket(0)) {
      port = socket.getLocalPort();
    }
    PostgresServer server = new PostgresServer(bin.get(), dir, port);
    if (root()) {
      run(List.of("chown", "postgres:postgres", dir.toString()));
    }
    server.pg("initdb", "-D", dir.resolve("data").toString(), "-U", "postgres", "--auth=trust", "-E", "UTF8",
        "--no-locale");
    server.pg("pg_ctl", "-D", dir.resolve("data").toString(), "-l", dir.resolve("log").toString(), "-w", "-o",
        "-p " + port + " -k " + dir + " -c listen_addresses=127.0.0.1", "start");
    return server;
  }

  public String jdbcUrl() {
    return "jdbc:postgresql://127.0.0.1:" + port + "/postgres?user=postgres";
  }

  public Connection connect() throws SQLException {
    return DriverManager.getConnection(jdbcUrl());
  }

  /** Stops at once, as a crash would ({@code -m immediate}); {@link #restart} brings it back. */
  public void crash() throws IOException, InterruptedException {
    pg("pg_ctl", "-D", dir.resolve("data").toString(), "-m", "immediate", "-w", "stop");
  }

  public void restart() throws IOException, InterruptedException {
    pg("pg_ctl", "-D", dir.resolve("data").toString(), "-l", dir.resolve("log").toString(), "-w", "-o",
        "-p " + port + " -k " + dir + " -c listen_addresses=127.0.0.1", "start");
  }

  @Override
  public void close() throws IOException, InterruptedException {
    try {
      pg("pg_ctl", "-D", dir.resolve("data").toString(), "-m", "fast", "-w", "stop");
    } finally {
      try (Stream<Path> files = Files.walk(dir)) {
        files.sorted(Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
      }
    }
  }

  private void pg(String program, String... args) throws IOException, InterruptedException {
    List<String> command = new ArrayList<>();
    if (root()) {
      command.addAll(List.of("runuser", "-u", "postgres", "--"));
    }
    command.add(bin.resolve(program).toString());
    command.addAll(List.of(args));
    run(command);
  }

  private static void run(List<String> command) throws IOException, InterruptedException {
    Process process = new ProcessBuilder(command).redirectErrorStream(true).start();
    String output = new String(process.getInputStream().readAllBytes());
    if (!process.waitFor(120, TimeUnit.SECONDS) || process.exitValue() != 0) {
      throw new IOException(String.join(" ", command) + " failed: " + output);
    }
  }

  private static boolean root() {
    return "root".equals(System.getProperty("user.name"));
  }

  private static Optional<Path> binaries() throws IOException {
    String configured = System.getenv("PARLEY_PG_BIN");
    if (configured != null) {
      return Optional.of(Path.of(configured));
    }
    Path base = Path.of("/usr/lib/postgresql");
    if (!Files.isDirectory(base)) {
      return Optional.empty();
    }
    try (Stream<Path> versions = Files.list(base)) {
      return versions.map(v -> v.resolve("bin")).filter(b -> Files.isExecutable(b.resolve("initdb")))
          .max(Comparator.comparing(b -> versionOf(b.getParent())));
    }
  }

  private static int versionOf(Path dir) {
    try {
      return Integer.parseInt(dir.getFileName().toString());
    } catch (NumberFormatException e) {
      return 0;
    }
  }
}
