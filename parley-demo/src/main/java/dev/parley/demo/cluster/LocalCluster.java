package dev.parley.demo.cluster;

import dev.parley.cluster.local.LocalPostgres;
import java.io.IOException;
import java.io.PrintWriter;
import java.io.UncheckedIOException;
import java.net.ServerSocket;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.attribute.PosixFilePermissions;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CancellationException;
import java.util.function.BooleanSupplier;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;

/**
 * A cluster on this machine, every part in a process of its own under one directory: a
 * PostgreSQL ({@code postgres/}), a Kafka broker ({@code kafka/}), two collectors that also
 * serve the read API and dashboard ({@code collector-1/}, {@code collector-2/}) and a loader,
 * as docs/DEPLOY.md lays a cluster out on several machines. Closing stops them in the order
 * that loses nothing: collectors, loader, broker, database. Every process is known from the
 * moment it starts (and written to {@value #PIDS}), so a stop during the start misses none.
 */
final class LocalCluster implements AutoCloseable {
  /** The processes it started, each with its start time, for a later start to find those a crash left running. */
  static final String PIDS = ".parley-cluster-pids";
  static final String TOPIC = "parley-events";
  static final String DATABASE = "parley";
  private static final Pattern SIGN_IN =
      Pattern.compile("parley: dashboard on \\S+ \\(sign in with the admin token, or once with (\\S+)\\)");
  private static final Pattern LOADING = Pattern.compile("parley: loading");

  /** What to start: where, on which ports, with which keys. */
  record Settings(Path dir, int port, Path postgresBin, String writeKey, String adminToken, Path prices) {}

  private final Settings settings;
  private final PrintWriter err;
  private final Path java = Path.of(System.getProperty("java.home"), "bin", "java");
  /** The processes started, in order: collectors, loader, and the broker (kept apart: it stops after them). */
  private final List<Process> parley = new ArrayList<>();
  private Process broker;
  private volatile LocalPostgres postgres;
  private boolean closing;
  private String signIn;

  LocalCluster(Settings settings, PrintWriter err) {
    this.settings = settings;
    this.err = err;
  }

  /** The collectors' addresses: the first takes the demo's traffic, the second serves its dashboard. */
  URI collector(int number) {
    return URI.create("http://127.0.0.1:" + (settings.port() + number - 1));
  }

  /** The second collector's one-time sign-in link. */
  String signInLink() {
    return signIn;
  }

  /**
   * Starts every part, saying each on {@code out}.
   *
   * @throws CancellationException when {@code stopped} says so meanwhile (what started is closed by {@link #close})
   */
  void start(PrintWriter out, BooleanSupplier stopped) throws IOException, SQLException, InterruptedException {
    Path dir = settings.dir();
    recordPids();
    int postgresPort = freePort();
    String password = dev.parley.server.config.Secrets.random("pg_", 16);
    Path passwordFile = dir.resolve("postgres.password");
    Files.writeString(passwordFile, password + "\n");
    Files.setPosixFilePermissions(passwordFile, PosixFilePermissions.fromString("rw-------"));
    postgres = LocalPostgres.create(settings.postgresBin(), dir.resolve("postgres"), postgresPort,
        Optional.of(password));
    postgres.restart();
    postgres.createDatabase(DATABASE);
    say(out, "PostgreSQL on 127.0.0.1:" + postgresPort + ", database " + DATABASE + ", role postgres, its password in "
        + passwordFile + " (" + dir.resolve("postgres") + ")");
    cancelIf(stopped);
    int kafkaPort = freePort();
    LocalKafka kafka = LocalKafka.start(java, dir.resolve("kafka"), kafkaPort, freePort(), this::brokerStarted,
        stopped);
    watch(kafka.process(), "the Kafka broker", kafka.log());
    say(out, "Kafka broker (KRaft) on 127.0.0.1:" + kafkaPort + " (" + dir.resolve("kafka") + ")");
    String log = "kafka://127.0.0.1:" + kafkaPort + "/" + TOPIC;
    String store = "postgresql://postgres@127.0.0.1:" + postgresPort + "/" + DATABASE;
    for (int n = 1; n <= 2; n++) {
      int number = n;
      cancelIf(stopped);
      Path output = dir.resolve("collector-" + number + ".log");
      Matcher started = ChildProcess.startParley(java, "512m", List.of("serve", "--roles", "collect,read",
          "--host", "127.0.0.1", "--port", Integer.toString(collector(number).getPort()),
          "--data", dir.resolve("collector-" + number).toString(), "--log", log, "--store", store,
          "--store-password-file", passwordFile.toString(), "--write-key", settings.writeKey(),
          "--admin-token", settings.adminToken(), "--config", settings.prices().toString()),
          output, SIGN_IN, 120, p -> started(p, "collector " + number, output), stopped);
      signIn = started.group(1);
      say(out, "collector " + number + " on " + collector(number) + " (its output: " + output + ")");
    }
    cancelIf(stopped);
    Path output = dir.resolve("loader.log");
    ChildProcess.startParley(java, "384m", List.of("load", "--log", log, "--store", store,
        "--store-password-file", passwordFile.toString()), output, LOADING, 120,
        p -> started(p, "the loader", output), stopped);
    say(out, "loader from " + log + " into " + store + " (its output: " + output + ")");
  }

  /**
   * The processes an earlier cluster in {@code dir} started and left running (its {@code parley
   * cluster} was killed), which a new start must not pull the files from under: those of its
   * pid file that still run with the same start time, and its PostgreSQL.
   */
  static List<ProcessHandle> leftRunning(Path dir) throws IOException {
    List<ProcessHandle> running = new ArrayList<>();
    Path pids = dir.resolve(PIDS);
    if (Files.exists(pids)) {
      for (String line : Files.readAllLines(pids)) {
        String[] fields = line.strip().split(" ");
        if (fields.length != 2) {
          continue; // a line cut short by a crash; without its start time a pid may name anything now
        }
        try {
          Optional<String> started = Optional.of(fields[1]);
          ProcessHandle.of(Long.parseLong(fields[0])).filter(ProcessHandle::isAlive)
              .filter(p -> started.equals(startTime(p)))
              .ifPresent(running::add);
        } catch (NumberFormatException malformed) {
          // likewise
        }
      }
    }
    LocalPostgres.postmaster(dir.resolve("postgres")).ifPresent(running::add);
    return running;
  }

  /** Stops what started, in order: collectors (the demo's last events reach Kafka), loader, broker, database. */
  @Override
  public void close() {
    List<Process> processes;
    synchronized (this) {
      if (closing) {
        return;
      }
      closing = true;
      processes = new ArrayList<>(parley);
      if (broker != null) {
        processes.add(broker);
      }
    }
    for (Process process : processes) {
      try {
        ChildProcess.stop(process, 60);
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        process.destroyForcibly();
      }
    }
    try {
      if (postgres != null) {
        postgres.close();
      }
      Files.deleteIfExists(settings.dir().resolve(PIDS));
    } catch (IOException | InterruptedException e) {
      err.println("parley cluster: stopping PostgreSQL: " + e.getMessage());
    }
    err.flush();
  }

  /** Kills every process at once (a second Ctrl-C): nothing acknowledged is lost, Kafka and PostgreSQL recover. */
  void kill() {
    List<Process> processes;
    synchronized (this) {
      closing = true;
      processes = new ArrayList<>(parley);
      if (broker != null) {
        processes.add(broker);
      }
    }
    processes.forEach(Process::destroyForcibly);
    try {
      if (postgres != null && postgres.running()) {
        postgres.crash();
      }
    } catch (IOException | InterruptedException e) {
      err.println("parley cluster: stopping PostgreSQL: " + e.getMessage());
    }
  }

  private void brokerStarted(Process process) {
    synchronized (this) {
      broker = process;
    }
    afterStart(process);
  }

  private void started(Process process, String name, Path output) {
    synchronized (this) {
      parley.add(process);
    }
    watch(process, name, output);
    afterStart(process);
  }

  /** Records the process; stops it at once when the cluster is already closing (a stop during the start). */
  private void afterStart(Process process) {
    boolean late;
    synchronized (this) {
      late = closing;
    }
    if (late) {
      process.destroyForcibly();
      throw new CancellationException("stopped while starting");
    }
    try {
      recordPids();
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  private void watch(Process process, String name, Path output) {
    process.onExit().thenAccept(gone -> {
      boolean expected;
      synchronized (this) {
        expected = closing;
      }
      if (!expected) {
        err.println("parley cluster: " + name + " exited (status " + gone.exitValue() + "); its output: " + output);
        err.flush();
      }
    });
  }

  /** Writes this process and every one it started, with their start times (atomically: a crash leaves the old list). */
  private synchronized void recordPids() throws IOException {
    List<ProcessHandle> all = new ArrayList<>(List.of(ProcessHandle.current()));
    parley.forEach(p -> all.add(p.toHandle()));
    if (broker != null) {
      all.add(broker.toHandle());
    }
    Path file = settings.dir().resolve(PIDS);
    Path next = settings.dir().resolve(PIDS + ".next");
    Files.writeString(next, all.stream().map(p -> p.pid() + " " + startTime(p).orElse(""))
        .collect(Collectors.joining("\n", "", "\n")));
    Files.move(next, file, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
  }

  private static Optional<String> startTime(ProcessHandle process) {
    return process.info().startInstant().map(Object::toString);
  }

  private static void cancelIf(BooleanSupplier stopped) {
    if (stopped.getAsBoolean()) {
      throw new CancellationException("stopped while starting");
    }
  }

  private static void say(PrintWriter out, String line) {
    out.println("parley cluster: " + line);
    out.flush();
  }

  private static int freePort() throws IOException {
    try (ServerSocket socket = new ServerSocket(0)) {
      return socket.getLocalPort();
    }
  }
}
