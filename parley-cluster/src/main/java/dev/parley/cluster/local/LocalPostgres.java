package dev.parley.cluster.local;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;

/**
 * A PostgreSQL server of the system's own binaries in a directory of its own, on a port of
 * 127.0.0.1: {@code initdb} (trust authentication: only this machine can connect) when the
 * directory has no cluster yet, then {@code pg_ctl start}. As root the binaries run as the
 * {@code postgres} user, which must be able to reach the directory. For {@code parley cluster}
 * and the tests; a production PostgreSQL is set up as docs/DEPLOY.md says.
 */
public final class LocalPostgres implements AutoCloseable {
  /** What to say when the binaries are missing. */
  public static final String NOT_INSTALLED = "PostgreSQL is not installed: apt-get install postgresql (Debian,"
      + " Ubuntu), or set PARLEY_PG_BIN to the directory of its initdb and pg_ctl";

  private final Path bin;
  private final Path dir;
  private final int port;

  private LocalPostgres(Path bin, Path dir, int port) {
    this.bin = bin;
    this.dir = dir;
    this.port = port;
  }

  /**
   * The directory of {@code initdb} and {@code pg_ctl}: {@code PARLEY_PG_BIN} when set, else the
   * newest of Debian's {@code /usr/lib/postgresql/<version>/bin}.
   */
  public static Optional<Path> binaries(Map<String, String> env) throws IOException {
    String configured = env.get("PARLEY_PG_BIN");
    if (configured != null) {
      Path bin = Path.of(configured);
      return Files.isExecutable(bin.resolve("initdb")) ? Optional.of(bin) : Optional.empty();
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

  /**
   * Starts a server on {@code port} with its cluster in {@code dir} (made by {@code initdb} when
   * {@code dir/data} does not exist yet; the server's log is {@code dir/log}).
   *
   * @throws IOException when a step fails, with what PostgreSQL said
   */
  public static LocalPostgres start(Path bin, Path dir, int port) throws IOException, InterruptedException {
    Files.createDirectories(dir);
    LocalPostgres server = new LocalPostgres(bin, dir, port);
    if (root()) {
      run(List.of("chown", "postgres:postgres", dir.toString()));
      if (new ProcessBuilder("runuser", "-u", "postgres", "--", "test", "-w", dir.toString()).start().waitFor() != 0) {
        throw new IOException("the postgres user cannot write " + dir + " (a directory above it is not open to"
            + " others); choose a directory under /tmp");
      }
    }
    if (!Files.exists(dir.resolve("data"))) {
      server.pg("initdb", "-D", dir.resolve("data").toString(), "-U", "postgres", "--auth=trust", "-E", "UTF8",
          "--no-locale");
    }
    server.restart();
    return server;
  }

  public int port() {
    return port;
  }

  /** JDBC address of {@code database} as the {@code postgres} user. */
  public String jdbcUrl(String database) {
    return "jdbc:postgresql://127.0.0.1:" + port + "/" + database + "?user=postgres";
  }

  public Connection connect(String database) throws SQLException {
    return DriverManager.getConnection(jdbcUrl(database));
  }

  /** Creates {@code database}, owned by {@code postgres}. */
  public void createDatabase(String database) throws SQLException {
    try (Connection connection = connect("postgres"); Statement statement = connection.createStatement()) {
      statement.execute("CREATE DATABASE \"" + database.replace("\"", "\"\"") + "\"");
    }
  }

  /** Stops at once, as a crash would ({@code -m immediate}); {@link #restart} brings it back. */
  public void crash() throws IOException, InterruptedException {
    pg("pg_ctl", "-D", dir.resolve("data").toString(), "-m", "immediate", "-w", "stop");
  }

  /** Starts the server (again), and waits until it accepts connections. */
  public void restart() throws IOException, InterruptedException {
    pg("pg_ctl", "-D", dir.resolve("data").toString(), "-l", dir.resolve("log").toString(), "-w", "-o",
        "-p " + port + " -k " + dir + " -c listen_addresses=127.0.0.1", "start");
  }

  /** Stops the server cleanly ({@code -m fast}: sessions are ended, nothing committed is lost). */
  @Override
  public void close() throws IOException, InterruptedException {
    pg("pg_ctl", "-D", dir.resolve("data").toString(), "-m", "fast", "-w", "stop");
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
      throw new IOException(String.join(" ", command) + " failed: " + output.strip());
    }
  }

  private static boolean root() {
    return "root".equals(System.getProperty("user.name"));
  }

  private static int versionOf(Path dir) {
    try {
      return Integer.parseInt(dir.getFileName().toString());
    } catch (NumberFormatException e) {
      return 0;
    }
  }
}
