package dev.parley.cluster.local;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Properties;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;

/**
 * A PostgreSQL server of the system's own binaries in a directory of its own, on a port of
 * 127.0.0.1, with no Unix socket: {@code initdb} when the directory has no cluster yet (the
 * {@code postgres} role with a password, or trusting every local connection when none is
 * given, as tests do), then {@code pg_ctl start}. As root the binaries run as the
 * {@code postgres} user, which must be able to reach the directory. For {@code parley cluster}
 * and the tests; a production PostgreSQL is set up as docs/DEPLOY.md says.
 */
public final class LocalPostgres implements AutoCloseable {
  /** What to say when the binaries are missing. */
  public static final String NOT_INSTALLED = "PostgreSQL is not installed: apt-get install postgresql (Debian,"
      + " Ubuntu), or set PARLEY_PG_BIN to the directory of its initdb and pg_ctl";
  private static final int STEP_SECONDS = 120;

  private final Path bin;
  private final Path dir;
  private final int port;
  private final Optional<String> password;

  private LocalPostgres(Path bin, Path dir, int port, Optional<String> password) {
    this.bin = bin;
    this.dir = dir;
    this.port = port;
    this.password = password;
  }

  /**
   * The directory of {@code initdb} and {@code pg_ctl}: {@code PARLEY_PG_BIN} as given when set,
   * else the newest of Debian's {@code /usr/lib/postgresql/<version>/bin}.
   */
  public static Optional<Path> binaries(Map<String, String> env) throws IOException {
    String configured = env.get("PARLEY_PG_BIN");
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

  /** Starts a server that trusts every connection from this machine (tests). See {@link #create}. */
  public static LocalPostgres start(Path bin, Path dir, int port) throws IOException, InterruptedException {
    LocalPostgres server = create(bin, dir, port, Optional.empty());
    server.restart();
    return server;
  }

  /**
   * A server of {@code dir} on {@code port}, not started yet: made by {@code initdb} when
   * {@code dir/data} does not exist (the {@code postgres} role's password is {@code password},
   * or, when empty, every local connection is trusted); the server's log is {@code dir/log}.
   *
   * @throws IOException when a step fails, with what PostgreSQL said
   */
  public static LocalPostgres create(Path bin, Path dir, int port, Optional<String> password)
      throws IOException, InterruptedException {
    Files.createDirectories(dir);
    LocalPostgres server = new LocalPostgres(bin, dir, port, password);
    if (root()) {
      run(List.of("chown", "postgres:postgres", dir.toString()));
      if (Detached.builder(List.of("runuser", "-u", "postgres", "--", "test", "-w", dir.toString())).start()
          .waitFor() != 0) {
        throw new IOException("the postgres user cannot write " + dir + " (a directory above it is not open to"
            + " others); choose a directory under /tmp");
      }
    }
    if (!Files.exists(dir.resolve("data"))) {
      List<String> initdb = new ArrayList<>(List.of("-D", dir.resolve("data").toString(), "-U", "postgres",
          "-E", "UTF8", "--no-locale"));
      Path passwordFile = dir.resolve("initdb-password");
      if (password.isPresent()) {
        Files.writeString(passwordFile, password.get() + "\n");
        Files.setPosixFilePermissions(passwordFile, PosixFilePermissions.fromString("rw-------"));
        if (root()) {
          run(List.of("chown", "postgres:postgres", passwordFile.toString()));
        }
        initdb.addAll(List.of("--auth=scram-sha-256", "--pwfile=" + passwordFile));
      } else {
        initdb.add("--auth=trust");
      }
      try {
        server.pg("initdb", initdb.toArray(String[]::new));
      } finally {
        Files.deleteIfExists(passwordFile);
      }
    }
    return server;
  }

  public int port() {
    return port;
  }

  /** JDBC address of {@code database} (the {@code postgres} role; the password goes in {@link #connect}). */
  public String jdbcUrl(String database) {
    return "jdbc:postgresql://127.0.0.1:" + port + "/" + database + "?user=postgres";
  }

  public Connection connect(String database) throws SQLException {
    Properties properties = new Properties();
    password.ifPresent(p -> properties.setProperty("password", p));
    return DriverManager.getConnection(jdbcUrl(database), properties);
  }

  /** Creates {@code database}, owned by {@code postgres}. */
  public void createDatabase(String database) throws SQLException {
    try (Connection connection = connect("postgres"); Statement statement = connection.createStatement()) {
      statement.execute("CREATE DATABASE \"" + database.replace("\"", "\"\"") + "\"");
    }
  }

  /** Whether a server runs on the directory (its postmaster.pid names a live process). */
  public boolean running() {
    return postmaster(dir).isPresent();
  }

  /**
   * The live server of the cluster in {@code dir}, from its {@code postmaster.pid}: empty when
   * there is none, the file is stale, or its pid now belongs to another program.
   */
  public static Optional<ProcessHandle> postmaster(Path dir) {
    try {
      List<String> lines = Files.readAllLines(dir.resolve("data/postmaster.pid"));
      return ProcessHandle.of(Long.parseLong(lines.get(0).strip())).filter(ProcessHandle::isAlive)
          .filter(p -> p.info().command().map(c -> c.contains("postgres")).orElse(true));
    } catch (IOException | RuntimeException absentOrMalformed) {
      return Optional.empty();
    }
  }

  /** Stops at once, as a crash would ({@code -m immediate}); {@link #restart} brings it back. */
  public void crash() throws IOException, InterruptedException {
    pg("pg_ctl", "-D", dir.resolve("data").toString(), "-m", "immediate", "-w", "stop");
  }

  /** Starts the server (again), and waits until it accepts connections. */
  public void restart() throws IOException, InterruptedException {
    pg("pg_ctl", "-D", dir.resolve("data").toString(), "-l", dir.resolve("log").toString(), "-w", "-o",
        "-p " + port + " -c listen_addresses=127.0.0.1 -c unix_socket_directories=''", "start");
  }

  /** Stops the server cleanly ({@code -m fast}: sessions are ended, nothing committed is lost), if it runs. */
  @Override
  public void close() throws IOException, InterruptedException {
    if (running()) {
      pg("pg_ctl", "-D", dir.resolve("data").toString(), "-m", "fast", "-w", "stop");
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

  /** Runs a step in a session of its own (Ctrl-C does not cut it short), its output kept for the error. */
  private static void run(List<String> command) throws IOException, InterruptedException {
    Path output = Files.createTempFile("parley-pg-", ".out");
    try {
      Process process = Detached.builder(command).redirectErrorStream(true).redirectOutput(output.toFile()).start();
      if (!process.waitFor(STEP_SECONDS, TimeUnit.SECONDS)) {
        process.destroyForcibly();
        throw new IOException(String.join(" ", command) + " took over " + STEP_SECONDS + " s: "
            + Files.readString(output).strip());
      }
      if (process.exitValue() != 0) {
        throw new IOException(String.join(" ", command) + " failed: " + Files.readString(output).strip());
      }
    } finally {
      Files.deleteIfExists(output);
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
