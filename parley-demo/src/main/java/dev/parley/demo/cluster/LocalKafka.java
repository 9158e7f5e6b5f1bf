package dev.parley.demo.cluster;

import dev.parley.cluster.local.Detached;
import java.io.IOException;
import java.io.InputStream;
import java.net.InetAddress;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CancellationException;
import java.util.concurrent.TimeUnit;
import java.util.function.BooleanSupplier;
import java.util.function.Consumer;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.common.Uuid;

/**
 * A single-node Kafka (KRaft: one process is broker and controller) in a directory of its own,
 * on 127.0.0.1, run from the jars that parley-broker's build resolved into the local Maven
 * repository, in a JVM of its own (its log: {@code dir/broker.log}).
 */
final class LocalKafka implements AutoCloseable {
  static final String CLASS_PATH_RESOURCE = "/dev/parley/broker/classpath.txt";

  private final Process process;
  private final Path log;

  private LocalKafka(Process process, Path log) {
    this.process = process;
    this.log = log;
  }

  /**
   * The broker's class path, each of its jars checked.
   *
   * @throws IOException saying how to build it when a jar or the list is missing
   */
  static String classPath() throws IOException {
    String classPath;
    try (InputStream in = LocalKafka.class.getResourceAsStream(CLASS_PATH_RESOURCE)) {
      if (in == null) {
        throw new IOException("this build has no Kafka broker class path (parley-broker's " + CLASS_PATH_RESOURCE
            + "); build with mvn -pl parley-demo -am package");
      }
      classPath = new String(in.readAllBytes(), StandardCharsets.UTF_8).strip();
    }
    List<String> missing = Arrays.stream(classPath.split(java.io.File.pathSeparator))
        .filter(jar -> !Files.isRegularFile(Path.of(jar))).toList();
    if (!missing.isEmpty()) {
      throw new IOException("the Kafka broker's jars are not in the local Maven repository any more (" + missing.get(0)
          + (missing.size() > 1 ? " and " + (missing.size() - 1) + " more" : "")
          + "); build again with mvn -pl parley-demo -am package");
    }
    return classPath;
  }

  /**
   * Formats {@code dir} as a new cluster and starts the broker on {@code port} (its controller
   * on {@code controllerPort}), handing its process to {@code started} at once; returns once it
   * answers a client.
   *
   * @throws CancellationException when {@code stopped} says so meanwhile
   */
  static LocalKafka start(Path java, Path dir, int port, int controllerPort, Consumer<Process> started,
      BooleanSupplier stopped) throws IOException, InterruptedException {
    String classPath = classPath();
    Files.createDirectories(dir);
    Path properties = Files.writeString(dir.resolve("server.properties"), String.join("\n",
        "process.roles=broker,controller",
        "node.id=1",
        "listeners=PLAINTEXT://127.0.0.1:" + port + ",CONTROLLER://127.0.0.1:" + controllerPort,
        "advertised.listeners=PLAINTEXT://127.0.0.1:" + port,
        "controller.listener.names=CONTROLLER",
        "controller.quorum.bootstrap.servers=127.0.0.1:" + controllerPort,
        "listener.security.protocol.map=PLAINTEXT:PLAINTEXT,CONTROLLER:PLAINTEXT",
        "inter.broker.listener.name=PLAINTEXT",
        "log.dirs=" + dir.resolve("logs"),
        // One broker: Kafka's own topics cannot be replicated further.
        "offsets.topic.replication.factor=1",
        "transaction.state.log.replication.factor=1",
        "transaction.state.log.min.isr=1",
        "share.coordinator.state.topic.replication.factor=1",
        "share.coordinator.state.topic.min.isr=1",
        "group.initial.rebalance.delay.ms=0",
        ""));
    Path log4j = Files.writeString(dir.resolve("log4j2.properties"), String.join("\n",
        "rootLogger.level=WARN",
        "rootLogger.appenderRef.out.ref=out",
        "appender.out.type=Console",
        "appender.out.name=out",
        "appender.out.layout.type=PatternLayout",
        "appender.out.layout.pattern=%d{ISO8601} %-5p %c{1}: %m%n",
        ""));
    Path log = dir.resolve("broker.log");
    List<String> jvm = List.of(java.toString(), "-Xmx512m", "-Dlog4j2.configurationFile=" + log4j, "-cp", classPath);
    // The storage tool exits the JVM when done, so it runs in a process of its own too.
    Process format = Detached.builder(concat(jvm, List.of("kafka.tools.StorageTool", "format", "--standalone",
        "-t", Uuid.randomUuid().toString(), "-c", properties.toString())))
        .redirectErrorStream(true).redirectOutput(log.toFile()).start();
    boolean formatted = format.waitFor(120, TimeUnit.SECONDS);
    if (!formatted || format.exitValue() != 0) {
      format.destroyForcibly();
      throw new IOException("formatting Kafka's storage failed: " + ChildProcess.tail(log));
    }
    Process broker = Detached.builder(concat(jvm, List.of("kafka.Kafka", properties.toString())))
        .redirectErrorStream(true).redirectOutput(ProcessBuilder.Redirect.appendTo(log.toFile())).start();
    started.accept(broker);
    LocalKafka kafka = new LocalKafka(broker, log);
    kafka.awaitListening(port, stopped);
    kafka.awaitReady("127.0.0.1:" + port, stopped);
    return kafka;
  }

  /** Waits for the port to accept connections (a client asked before only logs its refusals). */
  private void awaitListening(int port, BooleanSupplier stopped) throws IOException, InterruptedException {
    long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(120);
    while (true) {
      try (Socket socket = new Socket(InetAddress.getLoopbackAddress(), port)) {
        return;
      } catch (IOException notYet) {
        if (!process.isAlive()) {
          throw new IOException("the Kafka broker exited (status " + process.exitValue() + "): " + lastLines());
        }
        if (stopped.getAsBoolean()) {
          throw new CancellationException("stopped while the Kafka broker started");
        }
        if (System.nanoTime() > deadline) {
          throw new IOException("the Kafka broker did not listen on " + port + " within 120 s: " + lastLines());
        }
        Thread.sleep(100);
      }
    }
  }

  private void awaitReady(String bootstrap, BooleanSupplier stopped) throws IOException, InterruptedException {
    long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(120);
    try (Admin admin = Admin.create(Map.of(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrap,
        AdminClientConfig.REQUEST_TIMEOUT_MS_CONFIG, 2_000, AdminClientConfig.DEFAULT_API_TIMEOUT_MS_CONFIG, 2_000))) {
      while (true) {
        if (!process.isAlive()) {
          throw new IOException("the Kafka broker exited (status " + process.exitValue() + "): " + lastLines());
        }
        try {
          admin.describeCluster().nodes().get(3, TimeUnit.SECONDS);
          return;
        } catch (java.util.concurrent.ExecutionException | java.util.concurrent.TimeoutException notYet) {
          if (stopped.getAsBoolean()) {
            throw new CancellationException("stopped while the Kafka broker started");
          }
          if (System.nanoTime() > deadline) {
            throw new IOException("the Kafka broker did not answer within 120 s: " + lastLines());
          }
          Thread.sleep(200);
        }
      }
    }
  }

  Process process() {
    return process;
  }

  Path log() {
    return log;
  }

  /** SIGTERM (the broker shuts down in order), then waits; SIGKILL after 60 s. */
  @Override
  public void close() throws InterruptedException {
    ChildProcess.stop(process, 60);
  }

  private String lastLines() {
    return ChildProcess.tail(log);
  }

  private static List<String> concat(List<String> a, List<String> b) {
    return java.util.stream.Stream.concat(a.stream(), b.stream()).toList();
  }
}
