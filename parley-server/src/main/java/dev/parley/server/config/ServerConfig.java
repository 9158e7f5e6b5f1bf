package dev.parley.server.config;

import java.nio.file.Path;
import java.time.Duration;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;

/**
 * How {@code parley serve} runs. Immutable; made by {@link ConfigResolver} or, in tests and
 * embedding, by {@link #defaults(Path)} and the {@code with*} methods.
 *
 * @param host address to listen on
 * @param port HTTP port; 0 picks a free one
 * @param dataDir where {@code parley.duckdb} and {@code keys.json} live
 * @param writeKey a write key to accept, registered as a source on start
 * @param adminToken the bearer token for {@code /api/*}
 * @param validation the mode for sources that do not set their own
 * @param logMaxBytes the most the ingest log may hold on disk before requests are answered 503
 * @param logSegmentBytes the size of one file of the ingest log
 * @param rateLimit events per second per source before requests are answered 429; 0 for none
 * @param idleTimeout how long a started, unended conversation may be quiet before it counts as abandoned
 * @param privacy content modes, the hash key and retention
 * @param tls the certificate and key to serve HTTPS with; empty for plain HTTP
 * @param memoryLimit DuckDB's memory limit (such as {@code 512MB}); empty for DuckDB's default
 * @param configFile the {@code parley.yml} the settings were read from, read again for what may
 *     change while the server runs (the price table); empty when there is none
 * @param log the address of a remote ingest log (cluster mode: {@code kafka://...}); empty for
 *     the file log in the data directory
 * @param store cluster mode's shared store ({@code postgresql://...}), where the collectors
 *     keep their write keys, admin token and hash key; empty for the data directory's
 * @param roles what this process does; {@link Role#ALL} by default
 * @param topics whether the embedded store's conversations are grouped into topics in the background
 */
public record ServerConfig(String host, int port, Path dataDir, Optional<String> writeKey,
    Optional<String> adminToken, ValidationMode validation, long logMaxBytes, long logSegmentBytes, int rateLimit,
    Duration idleTimeout, PrivacyConfig privacy, Optional<TlsFiles> tls, Optional<String> memoryLimit,
    Optional<Path> configFile, Optional<String> log, Optional<StoreAddress> store, Set<Role> roles,
    boolean topics) {
  public ServerConfig {
    roles = Set.copyOf(Objects.requireNonNull(roles, "roles == null"));
    if (roles.isEmpty()) {
      throw new IllegalArgumentException("a server needs at least one role (collect, load, read)");
    }
    Objects.requireNonNull(store, "store == null");
    Objects.requireNonNull(privacy, "privacy == null");
    Objects.requireNonNull(tls, "tls == null");
    Objects.requireNonNull(memoryLimit, "memoryLimit == null");
    Objects.requireNonNull(configFile, "configFile == null");
    Objects.requireNonNull(log, "log == null");
    memoryLimit.ifPresent(ServerConfig::checkMemoryLimit);
    Objects.requireNonNull(host, "host == null");
    Objects.requireNonNull(dataDir, "dataDir == null");
    Objects.requireNonNull(writeKey, "writeKey == null");
    Objects.requireNonNull(adminToken, "adminToken == null");
    Objects.requireNonNull(validation, "validation == null");
    Objects.requireNonNull(idleTimeout, "idleTimeout == null");
    if (writeKey.filter(String::isBlank).isPresent()) {
      throw new IllegalArgumentException("the write key must not be blank");
    }
    if (adminToken.filter(String::isBlank).isPresent()) {
      throw new IllegalArgumentException("the admin token must not be blank");
    }
    if (idleTimeout.isNegative() || idleTimeout.isZero()) {
      throw new IllegalArgumentException("idleTimeout must be positive, not " + idleTimeout);
    }
    if (port < 0 || port > 65535) {
      throw new IllegalArgumentException("port must be between 0 and 65535, not " + port);
    }
    if (rateLimit < 0) {
      throw new IllegalArgumentException("rateLimit must be 0 (none) or more, not " + rateLimit);
    }
    if (logSegmentBytes < 4096) {
      throw new IllegalArgumentException("the log's segment size must be at least 4096 bytes, not " + logSegmentBytes);
    }
    if (logMaxBytes < MIN_LOG_BYTES) {
      throw new IllegalArgumentException("the log's size limit must hold a few full requests (at least "
          + MIN_LOG_BYTES + " bytes), not " + logMaxBytes);
    }
  }

  /** The ingest log's default size limit: 1 GiB. */
  public static final long DEFAULT_LOG_BYTES = 1L << 30;
  /** The default size of one file of the ingest log: 64 MiB. */
  public static final long DEFAULT_SEGMENT_BYTES = 64L << 20;
  /** The smallest size limit of the ingest log: four requests of Segment's largest size. */
  public static final long MIN_LOG_BYTES = 4L * 1024 * 1024;

  /** The defaults, with data in {@code dataDir}. */
  public static ServerConfig defaults(Path dataDir) {
    return new ServerConfig("0.0.0.0", 8080, dataDir, Optional.empty(), Optional.empty(), ValidationMode.FLAG,
        DEFAULT_LOG_BYTES, DEFAULT_SEGMENT_BYTES, 0, Duration.ofMinutes(30), PrivacyConfig.defaults(), Optional.empty(), Optional.empty(),
        Optional.empty(), Optional.empty(), Optional.empty(), Role.ALL, true);
  }

  public ServerConfig withPort(int port) {
    return new ServerConfig(host, port, dataDir, writeKey, adminToken, validation, logMaxBytes, logSegmentBytes,
        rateLimit, idleTimeout, privacy, tls, memoryLimit, configFile, log, store, roles, topics);
  }

  public ServerConfig withHost(String host) {
    return new ServerConfig(host, port, dataDir, writeKey, adminToken, validation, logMaxBytes, logSegmentBytes,
        rateLimit, idleTimeout, privacy, tls, memoryLimit, configFile, log, store, roles, topics);
  }

  public ServerConfig withWriteKey(String key) {
    return new ServerConfig(host, port, dataDir, Optional.of(key), adminToken, validation, logMaxBytes, logSegmentBytes,
        rateLimit, idleTimeout, privacy, tls, memoryLimit, configFile, log, store, roles, topics);
  }

  public ServerConfig withAdminToken(String token) {
    return new ServerConfig(host, port, dataDir, writeKey, Optional.of(token), validation, logMaxBytes, logSegmentBytes,
        rateLimit, idleTimeout, privacy, tls, memoryLimit, configFile, log, store, roles, topics);
  }

  public ServerConfig withValidation(ValidationMode mode) {
    return new ServerConfig(host, port, dataDir, writeKey, adminToken, mode, logMaxBytes, logSegmentBytes, rateLimit, idleTimeout, privacy, tls, memoryLimit, configFile, log, store, roles, topics);
  }

  public ServerConfig withRateLimit(int eventsPerSecond) {
    return new ServerConfig(host, port, dataDir, writeKey, adminToken, validation, logMaxBytes, logSegmentBytes,
        eventsPerSecond, idleTimeout, privacy, tls, memoryLimit, configFile, log, store, roles, topics);
  }

  public ServerConfig withIdleTimeout(Duration timeout) {
    return new ServerConfig(host, port, dataDir, writeKey, adminToken, validation, logMaxBytes, logSegmentBytes,
        rateLimit, timeout, privacy, tls, memoryLimit, configFile, log, store, roles, topics);
  }

  public ServerConfig withPrivacy(PrivacyConfig settings) {
    return new ServerConfig(host, port, dataDir, writeKey, adminToken, validation, logMaxBytes, logSegmentBytes,
        rateLimit, idleTimeout, settings, tls, memoryLimit, configFile, log, store, roles, topics);
  }

  public ServerConfig withTls(TlsFiles files) {
    return new ServerConfig(host, port, dataDir, writeKey, adminToken, validation, logMaxBytes, logSegmentBytes,
        rateLimit, idleTimeout, privacy, Optional.of(files), memoryLimit, configFile, log, store, roles, topics);
  }

  public ServerConfig withLogMaxBytes(long bytes) {
    return new ServerConfig(host, port, dataDir, writeKey, adminToken, validation, bytes, logSegmentBytes,
        rateLimit, idleTimeout, privacy, tls, memoryLimit, configFile, log, store, roles, topics);
  }

  public ServerConfig withLogSegmentBytes(long bytes) {
    return new ServerConfig(host, port, dataDir, writeKey, adminToken, validation, logMaxBytes, bytes,
        rateLimit, idleTimeout, privacy, tls, memoryLimit, configFile, log, store, roles, topics);
  }

  public ServerConfig withMemoryLimit(String limit) {
    return new ServerConfig(host, port, dataDir, writeKey, adminToken, validation, logMaxBytes, logSegmentBytes,
        rateLimit, idleTimeout, privacy, tls, Optional.of(limit), configFile, log, store, roles, topics);
  }

  public ServerConfig withConfigFile(Path file) {
    return new ServerConfig(host, port, dataDir, writeKey, adminToken, validation, logMaxBytes, logSegmentBytes,
        rateLimit, idleTimeout, privacy, tls, memoryLimit, Optional.of(file), log, store, roles, topics);
  }

  /** Cluster mode: keys shared through the PostgreSQL store at {@code address}. */
  public ServerConfig withStore(StoreAddress address) {
    return new ServerConfig(host, port, dataDir, writeKey, adminToken, validation, logMaxBytes, logSegmentBytes,
        rateLimit, idleTimeout, privacy, tls, memoryLimit, configFile, log, Optional.of(address), roles, topics);
  }

  public ServerConfig withLog(String address) {
    return new ServerConfig(host, port, dataDir, writeKey, adminToken, validation, logMaxBytes, logSegmentBytes,
        rateLimit, idleTimeout, privacy, tls, memoryLimit, configFile, Optional.of(address), store, roles, topics);
  }

  /** Turns the topic worker on or off ({@code --topics}). */
  public ServerConfig withTopics(boolean on) {
    return new ServerConfig(host, port, dataDir, writeKey, adminToken, validation, logMaxBytes, logSegmentBytes,
        rateLimit, idleTimeout, privacy, tls, memoryLimit, configFile, log, store, roles, on);
  }

  /** Limits the process to {@code only} of its roles ({@code --roles}). */
  public ServerConfig withRoles(Set<Role> only) {
    return new ServerConfig(host, port, dataDir, writeKey, adminToken, validation, logMaxBytes, logSegmentBytes,
        rateLimit, idleTimeout, privacy, tls, memoryLimit, configFile, log, store, only, topics);
  }

  private static final java.util.regex.Pattern MEMORY = java.util.regex.Pattern.compile(
      "\\d+(\\.\\d+)?\\s*(B|KB|MB|GB|TB|KiB|MiB|GiB|TiB)", java.util.regex.Pattern.CASE_INSENSITIVE);

  private static void checkMemoryLimit(String limit) {
    if (!MEMORY.matcher(limit.trim()).matches()) {
      throw new IllegalArgumentException("the memory limit must be a size such as 512MB or 2GiB, not \"" + limit + "\"");
    }
  }
}
