package dev.parley.demo.cluster;

import dev.parley.cluster.local.LocalPostgres;
import dev.parley.demo.Demo;
import dev.parley.server.cli.StopSignals;
import dev.parley.server.config.Secrets;
import java.io.IOException;
import java.io.PrintWriter;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.SQLException;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.Callable;
import java.util.concurrent.CancellationException;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicReference;
import java.util.stream.Collectors;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/** {@code parley cluster}: cluster mode on this machine, each part a process of its own, with the demo's traffic. */
@Command(
    name = "cluster",
    mixinStandardHelpOptions = true,
    description = {
        "Starts a cluster on this machine: a PostgreSQL of the system's binaries and a Kafka broker (KRaft, from the"
            + " jars of the build), each in the data directory; two collectors (--port and the port after it, both"
            + " serving the dashboard) and a loader, each a process of its own; then plays the demo's traffic through"
            + " the first collector and prints the second one's dashboard link.",
        "Ctrl-C stops everything it started: collectors, loader, broker, database."
    })
public final class ClusterCommand implements Callable<Integer> {
  @Spec CommandSpec spec;

  @Option(names = "--port", defaultValue = "8080",
      description = "HTTP port of the first collector; the second takes the next one. Default 8080.")
  int port;

  @Option(names = "--data", defaultValue = "./parley-cluster-data",
      description = "Directory of the cluster's data (database, broker, collectors), emptied at start."
          + " Default ./parley-cluster-data.")
  Path data;

  @Option(names = "--pg-bin", paramLabel = "DIR",
      description = "Directory of PostgreSQL's initdb and pg_ctl. Default PARLEY_PG_BIN, else the newest"
          + " /usr/lib/postgresql/*/bin.")
  Path postgresBin;

  @Option(names = "--users", defaultValue = "100", description = "Users in the backfilled history. Default 100.")
  int users;

  @Option(names = "--days", defaultValue = "7", description = "Days of backfilled history. Default 7.")
  int days;

  @Option(names = "--no-live",
      description = "Stop the traffic after the backfill instead of playing live conversations.")
  boolean noLive;

  private Path binaries;

  @Override
  public Integer call() throws InterruptedException {
    PrintWriter out = spec.commandLine().getOut();
    PrintWriter err = spec.commandLine().getErr();
    Optional<String> refused = refusal();
    if (refused.isPresent()) {
      err.println("parley cluster: " + refused.get());
      return 2;
    }
    Path dir = data.toAbsolutePath().normalize();
    Path prices;
    try {
      List<ProcessHandle> running = LocalCluster.leftRunning(dir);
      if (!running.isEmpty()) {
        err.println("parley cluster: processes of an earlier cluster in " + dir + " still run (pids "
            + running.stream().map(p -> Long.toString(p.pid())).collect(Collectors.joining(", "))
            + "); stop them (kill PID) or choose another --data");
        return 2;
      }
      prices = Demo.prepareDirectory(dir);
    } catch (IOException | IllegalStateException e) {
      err.println("parley cluster: " + e.getMessage());
      return 2;
    }
    String writeKey = Secrets.random("wk_cluster_", 16);
    String adminToken = Secrets.random("adm_", 24);
    // Before anything starts: Ctrl-C during the start stops what started; a second one kills it all.
    StopSignals stop = StopSignals.install(err);
    LocalCluster cluster = new LocalCluster(new LocalCluster.Settings(dir, port, binaries, writeKey, adminToken,
        prices), err);
    AtomicBoolean stopped = new AtomicBoolean();
    AtomicReference<Demo> demo = new AtomicReference<>();
    stop.closeWith(() -> stopAll(stopped, cluster, demo.get(), out)).beforeHalt(cluster::kill);
    try {
      cluster.start(out, stop::signalled);
      if (!stop.signalled()) {
        out.println("parley cluster: write key " + writeKey + " (send to " + cluster.collector(1) + "/v1/batch or "
            + cluster.collector(2) + "/v1/batch)");
        out.flush();
        demo.set(Demo.start(cluster.collector(1), writeKey, users, days, !noLive, false, out));
      }
    } catch (CancellationException signalled) {
      // stopped during the start: the close below says so
    } catch (IOException | SQLException | RuntimeException e) {
      err.println("parley cluster: cannot start: " + e.getMessage());
      err.flush();
      stopAll(stopped, cluster, null, out);
      return 1;
    }
    if (!stop.signalled()) {
      out.println();
      out.println("  Dashboard (collector 2, reading PostgreSQL): " + cluster.signInLink());
      out.println("  (a one-time sign-in link; afterwards sign in with the admin token " + adminToken + ")");
      out.println();
      out.println(noLive ? "parley cluster: backfill done; Ctrl-C stops the cluster."
          : "parley cluster: playing live conversations through collector 1 every few seconds; Ctrl-C stops it.");
      out.flush();
    }
    stop.awaitAndClose();
    return 0;
  }

  /** Stops the demo's traffic and the cluster, once (a signal, the JVM's end and a failed start may all ask). */
  private static void stopAll(AtomicBoolean stopped, LocalCluster cluster, Demo demo, PrintWriter out) {
    if (!stopped.compareAndSet(false, true)) {
      return;
    }
    out.println("parley cluster: stopping the collectors, the loader, Kafka and PostgreSQL");
    out.flush();
    try {
      if (demo != null) {
        demo.close();
      }
    } finally {
      cluster.close();
    }
    out.println("parley cluster: stopped");
    out.flush();
  }

  /** Why the command cannot run as asked, before anything is touched. */
  private Optional<String> refusal() {
    if (users < 1 || days < 1) {
      return Optional.of("--users and --days must be at least 1");
    }
    if (port < 1 || port > 65_534) {
      return Optional.of("--port must be between 1 and 65534 (the second collector takes the next one)");
    }
    for (int p : new int[] {port, port + 1}) {
      try (ServerSocket socket = new ServerSocket(p, 1, InetAddress.getLoopbackAddress())) {
        socket.getLocalPort();
      } catch (IOException inUse) {
        return Optional.of("port " + p + " is in use; choose another --port");
      }
    }
    try {
      Optional<Path> found = postgresBin();
      if (found.isEmpty()) {
        return Optional.of(LocalPostgres.NOT_INSTALLED);
      }
      if (!Files.isExecutable(found.get().resolve("initdb"))) {
        return Optional.of("no initdb in " + found.get() + (postgresBin != null ? " (--pg-bin)" : " (PARLEY_PG_BIN)"));
      }
      binaries = found.get();
      LocalKafka.classPath();
    } catch (IOException e) {
      return Optional.of(e.getMessage());
    }
    return Optional.empty();
  }

  private Optional<Path> postgresBin() throws IOException {
    if (postgresBin != null) {
      return Optional.of(postgresBin);
    }
    return LocalPostgres.binaries(System.getenv());
  }
}
