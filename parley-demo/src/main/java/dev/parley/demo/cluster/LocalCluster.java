package dev.parley.demo.cluster;

import dev.parley.cluster.local.LocalPostgres;
import java.io.IOException;
import java.io.PrintWriter;
import java.net.ServerSocket;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.function.BooleanSupplier;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;

/**
 * A cluster on this machine, every part in a process of its own under one directory: a
 * PostgreSQL ({@code postgres/}), a Kafka broker ({@code kafka/}), two collectors that also
 * serve the read API and dashboard ({@code collector-1/}, {@code collector-2/}) and a loader,
 * as docs/DEPLOY.md lays a cluster out on several machines. Closing stops them in the order
 * that loses nothing: collectors, loader, broker, database.
 */
final class LocalCluster implements AutoCloseable {
  /** The pids of the processes it started, for a later start to find those a crash left running. */
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
  private final List<Process> parley = new CopyOnWriteArrayList<>();
  private volatile LocalPostgres postgres;
  private volatile LocalKafka kafka;
  private volatile boolean closing;
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
   * Starts every part, saying each on {@code out}; returns early when {@code stopped} says so
   * (what started is closed by {@link #close}).
   */
  void start(PrintWriter out, BooleanSupplier stopped) throws IOException, SQLException, InterruptedException {
    Path dir = settings.dir();
    int postgresPort = freePort();
    postgres = LocalPostgres.start(settings.postgresBin(), dir.resolve("postgres"), postgresPort);
    postgres.createDatabase(DATABASE);
    say(out, "PostgreSQL on 127.0.0.1:" + postgresPort + ", database " + DATABASE + " (" + dir.resolve("postgres") + ")");
    if (stopped.getAsBoolean()) {
      return;
    }
    int kafkaPort = freePort();
    kafka = LocalKafka.start(java, dir.resolve("kafka"), kafkaPort, freePort());
    watch(kafka.process(), "the Kafka broker", kafka.log());
    recordPids();
    say(out, "Kafka broker (KRaft) on 127.0.0.1:" + kafkaPort + " (" + dir.resolve("kafka") + ")");
    String log = "kafka://127.0.0.1:" + kafkaPort + "/" + TOPIC;
    String store = "postgresql://postgres@127.0.0.1:" + postgresPort + "/" + DATABASE;
    for (int number = 1; number <= 2; number++) {
      if (stopped.getAsBoolean()) {
        return;
      }
      Path output = dir.resolve("collector-" + number + ".log");
      Matcher started = ChildProcess.startParley(java, "512m", List.of("serve", "--roles", "collect,read",
          "--host", "127.0.0.1", "--port", Integer.toString(collector(number).getPort()),
          "--data", dir.resolve("collector-" + number).toString(), "--log", log, "--store", store,
          "--write-key", settings.writeKey(), "--admin-token", settings.adminToken(),
          "--config", settings.prices().toString()), output, SIGN_IN, 120, parley);
      watch(parley.get(parley.size() - 1), "collector " + number, output);
      recordPids();
      signIn = started.group(1);
      say(out, "collector " + number + " on " + collector(number) + " (its output: " + output + ")");
    }
    if (stopped.getAsBoolean()) {
      return;
    }
    Path output = dir.resolve("loader.log");
    ChildProcess.startParley(java, "384m", List.of("load", "--log", log, "--store", store), output, LOADING, 120,
        parley);
    watch(parley.get(parley.size() - 1), "the loader", output);
    recordPids();
    say(out, "loader from " + log + " into " + store + " (its output: " + output + ")");
  }

  /**
   * The processes an earlier cluster in {@code dir} started and left running (its
   * {@code parley cluster} was killed), which a new start must not pull the files from under.
   */
  static List<ProcessHandle> leftRunning(Path dir) throws IOException {
    List<ProcessHandle> running = new ArrayList<>();
    Path pids = dir.resolve(PIDS);
    if (Files.exists(pids)) {
      for (String line : Files.readAllLines(pids)) {
        ProcessHandle.of(Long.parseLong(line.strip())).filter(ProcessHandle::isAlive).ifPresent(running::add);
      }
    }
    Path postmaster = dir.resolve("postgres/data/postmaster.pid");
    if (Files.exists(postmaster)) {
      Optional<String> first = Files.readAllLines(postmaster).stream().findFirst();
      first.flatMap(pid -> ProcessHandle.of(Long.parseLong(pid.strip()))).filter(ProcessHandle::isAlive)
          .ifPresent(running::add);
    }
    return running;
  }

  /** Stops what started, in order: collectors (the demo's last events reach Kafka), loader, broker, database. */
  @Override
  public void close() {
    if (closing) {
      return;
    }
    closing = true;
    for (Process process : parley) {
      try {
        ChildProcess.stop(process, 60);
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        process.destroyForcibly();
      }
    }
    try {
      if (kafka != null) {
        kafka.close();
      }
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
    try {
      if (postgres != null) {
        postgres.close();
      }
    } catch (IOException | InterruptedException e) {
      err.println("parley cluster: stopping PostgreSQL: " + e.getMessage());
    }
    err.flush();
  }

  private void watch(Process process, String name, Path output) {
    process.onExit().thenAccept(gone -> {
      if (!closing) {
        err.println("parley cluster: " + name + " exited (status " + gone.exitValue() + "); its output: " + output);
        err.flush();
      }
    });
  }

  private void recordPids() throws IOException {
    List<Process> all = new ArrayList<>(parley);
    if (kafka != null) {
      all.add(kafka.process());
    }
    Files.writeString(settings.dir().resolve(PIDS),
        all.stream().map(p -> Long.toString(p.pid())).collect(Collectors.joining("\n", "", "\n")));
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
