package dev.parley.cluster.testing;

import dev.parley.cluster.local.LocalPostgres;
import java.io.IOException;
import java.net.ServerSocket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.sql.Connection;
import java.sql.SQLException;
import java.util.Comparator;
import java.util.Optional;
import java.util.stream.Stream;
import org.junit.jupiter.api.Assumptions;

/**
 * A throwaway PostgreSQL server for tests: a {@link LocalPostgres} in a fresh directory under
 * {@code /tmp}, on a free port, stopped and deleted on close. Without the system's binaries the
 * test is skipped, saying how to run it, unless {@code PARLEY_REQUIRE_POSTGRES} is set
 * ({@code .ci/run} sets it), and then it fails.
 */
public final class PostgresServer implements AutoCloseable {
  private final LocalPostgres server;
  private final Path dir;

  private PostgresServer(LocalPostgres server, Path dir) {
    this.server = server;
    this.dir = dir;
  }

  private static final String NOT_INSTALLED = LocalPostgres.NOT_INSTALLED + "; .ci/run installs it and runs these tests";

  /**
   * Why a test that needs PostgreSQL should be skipped: it is not installed and not required
   * ({@code PARLEY_REQUIRE_POSTGRES} unset). Empty when the test should run (and then fails
   * if PostgreSQL is required but missing). For engines without JUnit's assumptions (jqwik).
   */
  public static Optional<String> skipReason() throws IOException {
    return LocalPostgres.binaries(System.getenv()).isEmpty() && System.getenv("PARLEY_REQUIRE_POSTGRES") == null
        ? Optional.of(NOT_INSTALLED) : Optional.empty();
  }

  /** Starts a server, or skips the calling test when PostgreSQL is not installed. */
  public static PostgresServer start() throws IOException, InterruptedException {
    Optional<Path> bin = LocalPostgres.binaries(System.getenv());
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
    return new PostgresServer(LocalPostgres.start(bin.get(), dir, port), dir);
  }

  public String jdbcUrl() {
    return server.jdbcUrl("postgres");
  }

  public Connection connect() throws SQLException {
    return server.connect("postgres");
  }

  /** Stops at once, as a crash would ({@code -m immediate}); {@link #restart} brings it back. */
  public void crash() throws IOException, InterruptedException {
    server.crash();
  }

  public void restart() throws IOException, InterruptedException {
    server.restart();
  }

  @Override
  public void close() throws IOException, InterruptedException {
    try {
      server.close();
    } finally {
      try (Stream<Path> files = Files.walk(dir)) {
        files.sorted(Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
      }
    }
  }
}
