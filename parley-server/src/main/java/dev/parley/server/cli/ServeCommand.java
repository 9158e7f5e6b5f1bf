package dev.parley.server.cli;

import dev.parley.server.ParleyServer;
import dev.parley.server.config.ConfigResolver;
import dev.parley.server.config.ServerConfig;
import dev.parley.server.config.Setting;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.EnumMap;
import java.util.Map;
import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/** {@code parley serve}: runs the collector until SIGTERM or Ctrl-C. */
@Command(
    name = "serve",
    mixinStandardHelpOptions = true,
    description = {
        "Runs the collector: Segment's HTTP Tracking API on /v1/*, the read API on /api/v1/*,"
            + " /healthz, /readyz and /metrics.",
        "Each option is read from its flag, else its PARLEY_* environment variable, else parley.yml,"
            + " else its default.",
        "Exit status: 0 after a clean stop (SIGTERM), 2 when the configuration or the data directory is unusable."
    })
final class ServeCommand implements Callable<Integer> {
  @Spec CommandSpec spec;

  @Option(names = "--port", paramLabel = "PORT", description = "HTTP port (PARLEY_PORT, port:). Default 8080.")
  String port;

  @Option(names = "--host", paramLabel = "HOST", description = "Address to listen on (PARLEY_HOST, host:). Default 0.0.0.0.")
  String host;

  @Option(names = "--data", paramLabel = "DIR",
      description = "Data directory (PARLEY_DATA, data:). Default ./parley-data.")
  String data;

  @Option(names = "--write-key", paramLabel = "KEY",
      description = "A write key to accept (PARLEY_WRITE_KEY, writeKey:). Made on first start when absent.")
  String writeKey;

  @Option(names = "--admin-token", paramLabel = "TOKEN",
      description = "Bearer token for /api/* (PARLEY_ADMIN_TOKEN, adminToken:). Made on first start when absent.")
  String adminToken;

  @Option(names = "--validation", paramLabel = "MODE",
      description = "flag or block, for sources without their own mode (PARLEY_VALIDATION, validation:). Default flag.")
  String validation;

  @Option(names = "--commit-window-ms", paramLabel = "MS",
      description = "How long the writer waits for more requests before a commit (PARLEY_COMMIT_WINDOW_MS,"
          + " commitWindowMs:). Default 0: what queued during the last commit makes the next group.")
  String commitWindowMs;

  @Option(names = "--queue-events", paramLabel = "N",
      description = "Events waiting for the writer before requests get 503 + Retry-After"
          + " (PARLEY_QUEUE_EVENTS, queueEvents:). Default 50000.")
  String queueEvents;

  @Option(names = "--rate-limit", paramLabel = "N",
      description = "Events per second per source before requests get 429 + Retry-After"
          + " (PARLEY_RATE_LIMIT, rateLimit:). Default 0: no limit.")
  String rateLimit;

  @Option(names = "--idle-timeout", paramLabel = "DURATION",
      description = "How long a started, unended conversation may be quiet before it counts as abandoned"
          + " (PARLEY_IDLE_TIMEOUT, idleTimeout:). ISO-8601; default PT30M.")
  String idleTimeout;

  @Option(names = "--content-mode", paramLabel = "MODE",
      description = "keep, mask, hash or drop: what happens to message text before it is stored, for sources"
          + " without their own (PARLEY_CONTENT_MODE, contentMode:). Default keep.")
  String contentMode;

  @Option(names = "--content-paths", paramLabel = "PATHS",
      description = "Comma-separated dotted paths the content mode treats (PARLEY_CONTENT_PATHS, contentPaths:)."
          + " Default properties.message_body.")
  String contentPaths;

  @Option(names = "--content-pattern", paramLabel = "NAME=REGEX",
      description = "A custom pattern for mask mode; matches become [NAME]. Repeatable (PARLEY_CONTENT_PATTERNS,"
          + " one a line; contentPatterns: a mapping).")
  java.util.List<String> contentPatterns;

  @Option(names = "--hash-key", paramLabel = "SECRET",
      description = "Secret of hash mode, 16+ characters (PARLEY_HASH_KEY, hashKey:). Made on first start when absent.")
  String hashKey;

  @Option(names = "--retention", paramLabel = "AGE",
      description = "Delete events older than this, e.g. 90d (PARLEY_RETENTION, retention:). Default: keep for ever.")
  String retention;

  @Option(names = "--tls-cert", paramLabel = "PEM",
      description = "Certificate chain (PEM) to serve HTTPS (PARLEY_TLS_CERT, tlsCert:). Needs --tls-key.")
  String tlsCert;

  @Option(names = "--tls-key", paramLabel = "PEM",
      description = "Private key (PEM, PKCS#8 or PKCS#1 RSA) of --tls-cert (PARLEY_TLS_KEY, tlsKey:).")
  String tlsKey;

  @Option(names = "--memory-limit", paramLabel = "SIZE",
      description = "Memory the store (DuckDB, outside the Java heap) may use, such as 512MB or 2GiB"
          + " (PARLEY_MEMORY_LIMIT, memoryLimit:). Default DuckDB's own: 80% of the machine's RAM.")
  String memoryLimit;

  @Option(names = "--config", paramLabel = "FILE",
      description = "YAML settings file (PARLEY_CONFIG). Default ./parley.yml when it exists.")
  Path config;

  @Override
  public Integer call() throws InterruptedException {
    PrintWriter out = spec.commandLine().getOut();
    ServerConfig resolved;
    ParleyServer server;
    try {
      resolved = resolve();
      server = ParleyServer.start(resolved);
    } catch (RuntimeException e) {
      spec.commandLine().getErr().println("parley serve: " + e.getMessage());
      return 2;
    }
    for (String notice : server.collector().notices()) {
      out.println("parley: made " + notice + "  (kept in " + resolved.dataDir().resolve("keys.json") + ")");
    }
    String scheme = resolved.tls().isPresent() ? "https" : "http";
    String base = scheme + "://" + displayHost(resolved.host()) + ":" + server.port();
    out.println("parley: collecting on " + base + "/v1/batch");
    out.println("parley: dashboard on " + base + "/ (sign in with the admin token, or once with "
        + base + server.oneTimeSignInPath() + ")");
    out.flush();
    CountDownLatch stopped = new CountDownLatch(1);
    Runtime.getRuntime().addShutdownHook(new Thread(() -> {
      try {
        server.close();
      } finally {
        stopped.countDown();
      }
    }, "parley-shutdown"));
    stopped.await();
    return 0;
  }

  ServerConfig resolve() {
    Map<Setting, String> flags = new EnumMap<>(Setting.class);
    put(flags, Setting.PORT, port);
    put(flags, Setting.HOST, host);
    put(flags, Setting.DATA, data);
    put(flags, Setting.WRITE_KEY, writeKey);
    put(flags, Setting.ADMIN_TOKEN, adminToken);
    put(flags, Setting.VALIDATION, validation);
    put(flags, Setting.COMMIT_WINDOW_MS, commitWindowMs);
    put(flags, Setting.QUEUE_EVENTS, queueEvents);
    put(flags, Setting.RATE_LIMIT, rateLimit);
    put(flags, Setting.IDLE_TIMEOUT, idleTimeout);
    put(flags, Setting.CONTENT_MODE, contentMode);
    put(flags, Setting.CONTENT_PATHS, contentPaths);
    put(flags, Setting.CONTENT_PATTERNS, contentPatterns == null ? null : String.join("\n", contentPatterns));
    put(flags, Setting.HASH_KEY, hashKey);
    put(flags, Setting.RETENTION, retention);
    put(flags, Setting.TLS_CERT, tlsCert);
    put(flags, Setting.TLS_KEY, tlsKey);
    put(flags, Setting.MEMORY_LIMIT, memoryLimit);
    Map<String, String> env = System.getenv();
    Path file = config != null ? config
        : env.get("PARLEY_CONFIG") != null ? Path.of(env.get("PARLEY_CONFIG")) : ConfigResolver.DEFAULT_FILE;
    boolean required = config != null || env.get("PARLEY_CONFIG") != null;
    return ConfigResolver.of(flags, env, file, required).resolve();
  }

  private static void put(Map<Setting, String> flags, Setting setting, String value) {
    if (value != null) {
      flags.put(setting, value);
    }
  }

  private static String displayHost(String host) {
    return "0.0.0.0".equals(host) ? "localhost" : host;
  }
}
