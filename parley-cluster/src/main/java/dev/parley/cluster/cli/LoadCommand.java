package dev.parley.cluster.cli;

import dev.parley.cluster.kafka.IngestTopic;
import dev.parley.cluster.kafka.KafkaAddress;
import dev.parley.cluster.kafka.KafkaLoader;
import dev.parley.cluster.postgres.PostgresAddress;
import dev.parley.cluster.postgres.PostgresStore;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;
import java.util.Optional;
import java.util.Properties;
import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/**
 * {@code parley load}: a loader of cluster mode, until SIGTERM or Ctrl-C. Any number may run;
 * they share the topic's partitions as one consumer group.
 */
@Command(
    name = "load",
    mixinStandardHelpOptions = true,
    description = {
        "Loads the ingest topic into PostgreSQL (cluster mode): one member of the loaders' consumer group;"
            + " each batch goes in with COPY, in one transaction with the offsets it came from.",
        "The password comes from PARLEY_STORE_PASSWORD or --store-password-file, never from a flag.",
        "Exit status: 0 after a clean stop (SIGTERM), 1 when the loader stopped on its own (a record it cannot read),"
            + " 2 when an address is unusable or a service cannot be reached."
    })
public final class LoadCommand implements Callable<Integer> {
  @Spec CommandSpec spec;

  @Option(names = "--log", paramLabel = "kafka://HOST:PORT[,...]/TOPIC",
      description = "The Kafka cluster and ingest topic (made when missing); default $PARLEY_LOG.")
  String log;

  @Option(names = "--store", paramLabel = "postgresql://USER@HOST:PORT/DB",
      description = "The PostgreSQL database (its schema is brought up to date); default $PARLEY_STORE.")
  String store;

  @Option(names = "--store-password-file", paramLabel = "FILE",
      description = "A file holding the database password; default $PARLEY_STORE_PASSWORD_FILE.")
  Path passwordFile;

  @Option(names = "--group", paramLabel = "NAME", defaultValue = "parley-loaders",
      description = "The loaders' consumer group (default: ${DEFAULT-VALUE}).")
  String group;

  private final Map<String, String> env;

  public LoadCommand() {
    this(System.getenv());
  }

  LoadCommand(Map<String, String> env) {
    this.env = env;
  }

  @Override
  public Integer call() throws InterruptedException {
    CountDownLatch stop = new CountDownLatch(1);
    CountDownLatch finished = new CountDownLatch(1);
    Runtime.getRuntime().addShutdownHook(new Thread(() -> {
      stop.countDown();
      try {
        finished.await(30, TimeUnit.SECONDS); // leave the group before the JVM halts
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
      }
    }, "parley-load-shutdown"));
    try {
      return run(stop);
    } finally {
      finished.countDown();
    }
  }

  /** Loads until {@code stop} opens. */
  int run(CountDownLatch stop) throws InterruptedException {
    PrintWriter out = spec.commandLine().getOut();
    PrintWriter err = spec.commandLine().getErr();
    KafkaAddress kafka;
    PostgresAddress postgres;
    Properties properties;
    Duration retention;
    String logAddress = log != null ? log : env.get("PARLEY_LOG");
    String storeAddress = store != null ? store : env.get("PARLEY_STORE");
    if (logAddress == null || logAddress.isBlank() || storeAddress == null || storeAddress.isBlank()) {
      err.println("parley load: give the topic and the database: --log kafka://HOST:PORT/TOPIC (or PARLEY_LOG) and"
          + " --store postgresql://USER@HOST:PORT/DB (or PARLEY_STORE)");
      err.flush();
      return 2;
    }
    Optional<Path> passwordPath = Optional.ofNullable(passwordFile)
        .or(() -> Optional.ofNullable(env.get("PARLEY_STORE_PASSWORD_FILE")).filter(f -> !f.isBlank()).map(Path::of));
    try {
      kafka = KafkaAddress.parse(logAddress);
      postgres = PostgresAddress.parse(storeAddress);
      properties = postgres.properties(passwordPath, env);
      PostgresStore.open(postgres.jdbcUrl(), properties).close(); // reachable, and the schema up to date
      retention = IngestTopic.ensure(kafka);
    } catch (RuntimeException e) {
      err.println("parley load: " + e.getMessage());
      err.flush();
      return 2;
    }
    try (KafkaLoader loader = KafkaLoader.start(kafka.bootstrapServers(), kafka.topic(), group,
        () -> PostgresStore.open(postgres.jdbcUrl(), properties))) {
      out.println("parley: loading " + kafka + " into " + postgres + " as a member of " + group
          + " (the topic keeps records " + retention.toHours() + " h)");
      out.flush();
      while (!stop.await(200, TimeUnit.MILLISECONDS)) {
        if (loader.stopped().isCompletedExceptionally()) {
          err.println("parley load: the loader stopped: " + loader.stopped().handle((v, e) -> e.getMessage()).join()
              + " (nothing is lost: what it had not committed is loaded again after a restart)");
          err.flush();
          return 1;
        }
      }
    }
    out.println("parley: stopped");
    out.flush();
    return 0;
  }
}
