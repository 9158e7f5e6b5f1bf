package dev.parley.demo.cluster;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.parley.cluster.local.LocalPostgres;
import dev.parley.demo.Main;
import dev.parley.server.testing.Cli;
import java.io.IOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.Instant;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code parley cluster}: what it refuses before touching anything, and a whole cluster started, used and stopped. */
class ClusterCommandTest {
  @TempDir Path dir;

  @Test
  void aPortInUseIsRefusedBeforeAnythingStarts() throws IOException {
    try (ServerSocket taken = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
      Cli.Run run = Cli.run(Main.commandLine(), "cluster", "--port", Integer.toString(taken.getLocalPort()),
          "--data", dir.resolve("data").toString());
      assertThat(run.status()).isEqualTo(2);
      assertThat(run.err()).contains("port " + taken.getLocalPort() + " is in use; choose another --port");
      assertThat(dir.resolve("data")).doesNotExist();
    }
  }

  @Test
  void withoutPostgresItSaysWhereItLooked() {
    Cli.Run run = Cli.run(Main.commandLine(), "cluster", "--port", Integer.toString(freePort()),
        "--pg-bin", dir.resolve("nowhere").toString(), "--data", dir.resolve("data").toString());
    assertThat(run.status()).isEqualTo(2);
    assertThat(run.err()).contains("no initdb in " + dir.resolve("nowhere") + " (--pg-bin)");
    assertThat(dir.resolve("data")).doesNotExist();
  }

  @Test
  void aDirectoryItDidNotMakeIsLeftAlone() throws IOException {
    Path bin = Files.createDirectories(dir.resolve("bin"));
    Files.writeString(bin.resolve("initdb"), "#!/bin/sh\nexit 1\n");
    Files.setPosixFilePermissions(bin.resolve("initdb"), PosixFilePermissions.fromString("rwxr-xr-x"));
    Path data = Files.createDirectories(dir.resolve("data"));
    Files.writeString(data.resolve("precious.txt"), "someone's data");
    Cli.Run run = Cli.run(Main.commandLine(), "cluster", "--port", Integer.toString(freePort()),
        "--pg-bin", bin.toString(), "--data", data.toString());
    assertThat(run.status()).isEqualTo(2);
    assertThat(run.err()).contains("is not empty and was not made by the demo");
    assertThat(data.resolve("precious.txt")).hasContent("someone's data");
  }

  @Test
  void aPidFileFindsOnlyTheProcessesItNamedStillRunningNotAPidReusedOrALineCutShort() throws Exception {
    ProcessHandle self = ProcessHandle.current();
    String started = self.info().startInstant().orElseThrow().toString();
    Files.writeString(dir.resolve(LocalCluster.PIDS), "12a\n" + self.pid() + " 2001-01-01T00:00:00Z\n");
    assertThat(LocalCluster.leftRunning(dir)).as("same pid, another start: reused").isEmpty();

    Files.writeString(dir.resolve(LocalCluster.PIDS), self.pid() + " " + started + "\n" + "4");
    assertThat(LocalCluster.leftRunning(dir)).containsExactly(self);
  }

  @Test
  void aClusterStartsCarriesTheDemosTrafficIntoPostgresAndStopsEverythingOnSigterm() throws Exception {
    assumePostgres();
    Path data = Path.of("/tmp").resolve("parley-cluster-test-" + ProcessHandle.current().pid());
    Path output = dir.resolve("cluster.out");
    int port = freePort();
    Process cluster = startCluster(output, "--port", Integer.toString(port), "--data", data.toString(),
        "--users", "12", "--days", "2", "--no-live");
    try {
      String started = awaitOutput(cluster, output, "backfill done; Ctrl-C stops the cluster.");
      int played = Integer.parseInt(find(started, "played (\\d+) conversations"));
      String adminToken = find(started, "admin token (adm_\\w+)");
      int postgresPort = Integer.parseInt(find(started, "PostgreSQL on 127\\.0\\.0\\.1:(\\d+)"));
      int kafkaPort = Integer.parseInt(find(started, "Kafka broker \\(KRaft\\) on 127\\.0\\.0\\.1:(\\d+)"));
      assertThat(find(started, "Dashboard \\(collector 2, reading PostgreSQL\\): (\\S+)"))
          .startsWith("http://127.0.0.1:" + (port + 1) + "/?token=once_");
      List<ProcessHandle> children = cluster.descendants().toList();
      assertThat(children).as("two collectors, a loader, a broker").hasSizeGreaterThanOrEqualTo(4);

      // Sent through collector 1, read from collector 2: the loader has put it in PostgreSQL.
      Instant now = Instant.now();
      URI summary = URI.create("http://127.0.0.1:" + (port + 1) + "/api/v1/summary?from=" + now.minusSeconds(3 * 86_400)
          + "&to=" + now.plusSeconds(3_600));
      JsonNode answer = null;
      long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(120);
      while (System.nanoTime() < deadline) {
        answer = get(summary, adminToken);
        if (answer.get("conversationsStarted").asInt() == played) {
          break;
        }
        Thread.sleep(200);
      }
      assertThat(answer.get("conversationsStarted").asInt()).isEqualTo(played);
      assertThat(answer.get("users").asInt()).isEqualTo(12);

      cluster.destroy(); // SIGTERM, as a service manager or Ctrl-C would stop it
      assertThat(cluster.waitFor(180, TimeUnit.SECONDS)).isTrue();
      assertThat(cluster.exitValue()).isZero();
      assertThat(Files.readString(output)).contains("parley cluster: stopped").doesNotContain("exited (status");
      assertThat(data.resolve(LocalCluster.PIDS)).as("a clean stop leaves no pids behind").doesNotExist();
      assertThat(processesOf(data)).as("processes of the cluster's directory").isEmpty();
      assertThat(children).noneMatch(ProcessHandle::isAlive);
      assertThat(listening(postgresPort)).as("PostgreSQL stopped").isFalse();
      assertThat(listening(kafkaPort)).as("Kafka stopped").isFalse();
    } finally {
      removeCluster(cluster, data);
    }
  }

  @Test
  void aSigtermWhileTheClusterStartsStopsWhatStartedAndLeavesNoProcess() throws Exception {
    assumePostgres();
    Path data = Path.of("/tmp").resolve("parley-cluster-stop-test-" + ProcessHandle.current().pid());
    Path output = dir.resolve("cluster.out");
    Process cluster = startCluster(output, "--port", Integer.toString(freePort()), "--data", data.toString(),
        "--no-live");
    try {
      awaitOutput(cluster, output, "parley cluster: PostgreSQL on"); // the broker starts next
      cluster.destroy();
      assertThat(cluster.waitFor(180, TimeUnit.SECONDS)).isTrue();
      String said = Files.readString(output);
      assertThat(cluster.exitValue()).as(said).isZero();
      assertThat(said).contains("parley cluster: stopped").doesNotContain("Dashboard", "cannot start");
      assertThat(processesOf(data)).as("processes of the cluster's directory").isEmpty();
    } finally {
      removeCluster(cluster, data);
    }
  }

  private static void assumePostgres() throws IOException {
    Assumptions.assumeTrue(LocalPostgres.binaries(System.getenv()).isPresent()
        || System.getenv("PARLEY_REQUIRE_POSTGRES") != null, LocalPostgres.NOT_INSTALLED);
  }

  /** {@code parley cluster <args>} in a JVM of its own, its output in {@code output}. */
  private static Process startCluster(Path output, String... args) throws IOException {
    List<String> command = new java.util.ArrayList<>(List.of(
        Path.of(System.getProperty("java.home"), "bin", "java").toString(), "-Xmx384m",
        "-cp", System.getProperty("java.class.path"), Main.class.getName(), "cluster"));
    command.addAll(List.of(args));
    return new ProcessBuilder(command).redirectErrorStream(true).redirectOutput(output.toFile()).start();
  }

  /**
   * Kills what a failed test left of a cluster (PostgreSQL is no descendant: pg_ctl detaches it,
   * so every process naming the directory goes) before its files are removed.
   */
  private static void removeCluster(Process cluster, Path data) throws Exception {
    cluster.descendants().forEach(ProcessHandle::destroyForcibly);
    cluster.destroyForcibly();
    processesOf(data).forEach(ProcessHandle::destroyForcibly);
    new ProcessBuilder("rm", "-rf", data.toString()).start().waitFor();
  }

  /** The live processes whose command line names {@code dir}: PostgreSQL, the broker, collectors, loader. */
  private static List<ProcessHandle> processesOf(Path dir) {
    return ProcessHandle.allProcesses().filter(ProcessHandle::isAlive)
        .filter(p -> p.info().arguments().map(args -> String.join(" ", args).contains(dir.toString())).orElse(false))
        .toList();
  }

  private static String awaitOutput(Process process, Path output, String line) throws Exception {
    long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(240);
    while (System.nanoTime() < deadline) {
      String text = Files.readString(output);
      if (text.contains(line)) {
        return text;
      }
      if (!process.isAlive()) {
        throw new AssertionError("parley cluster exited (status " + process.exitValue() + "):\n" + text);
      }
      Thread.sleep(100);
    }
    throw new AssertionError("parley cluster did not start within 240 s:\n" + Files.readString(output));
  }

  private static String find(String text, String pattern) {
    Matcher matcher = Pattern.compile(pattern).matcher(text);
    assertThat(matcher.find()).as("%s in:%n%s", pattern, text).isTrue();
    return matcher.group(1);
  }

  private static JsonNode get(URI uri, String adminToken) throws Exception {
    HttpResponse<String> response = HttpClient.newHttpClient().send(HttpRequest.newBuilder(uri)
        .header("Authorization", "Bearer " + adminToken).build(), HttpResponse.BodyHandlers.ofString());
    assertThat(response.statusCode()).as(response.body()).isEqualTo(200);
    return new ObjectMapper().readTree(response.body());
  }

  private static boolean listening(int port) {
    try (Socket socket = new Socket(InetAddress.getLoopbackAddress(), port)) {
      return true;
    } catch (IOException refused) {
      return false;
    }
  }

  /** A port free on the loopback address whose next one is free too (the second collector's). */
  private static int freePort() {
    while (true) {
      try (ServerSocket socket = new ServerSocket(0, 1, InetAddress.getLoopbackAddress());
          ServerSocket next = new ServerSocket(socket.getLocalPort() + 1, 1, InetAddress.getLoopbackAddress())) {
        return socket.getLocalPort();
      } catch (IOException nextTaken) {
        // try another
      }
    }
  }
}
