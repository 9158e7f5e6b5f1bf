package dev.parley.server.config;

/**
 * One option of {@code parley serve}, with its names as a flag, an environment variable and a
 * {@code parley.yml} key, its default and its help text. The single list of settings: the
 * command's options are made from it ({@code ServeCommand}), the resolver reads it, and a test
 * holds the README's table to it.
 */
public enum Setting {
  PORT("--port", "PORT", "PARLEY_PORT", "port", "8080", "HTTP port."),
  HOST("--host", "HOST", "PARLEY_HOST", "host", "0.0.0.0", "Address to listen on."),
  DATA("--data", "DIR", "PARLEY_DATA", "data", "./parley-data", "Data directory (parley.duckdb, keys.json)."),
  WRITE_KEY("--write-key", "KEY", "PARLEY_WRITE_KEY", "writeKey", null,
      "A write key to accept, added to the sources of the data directory (keys accepted before stay active until"
          + " revoked); one is made on first start when absent."),
  ADMIN_TOKEN("--admin-token", "TOKEN", "PARLEY_ADMIN_TOKEN", "adminToken", null,
      "Bearer token for /api/*; one is made on first start when absent."),
  VALIDATION("--validation", "MODE", "PARLEY_VALIDATION", "validation", "flag",
      "flag (store and record violations) or block (refuse violating messages), for sources without their own."),
  RATE_LIMIT("--rate-limit", "N", "PARLEY_RATE_LIMIT", "rateLimit", "0",
      "Events per second per source before requests are answered 429 with Retry-After; 0 for no limit."),
  LOG("--log", "ADDRESS", "PARLEY_LOG", "log", null,
      "Where accepted events are logged before the 200: the file log in the data directory when absent;"
          + " kafka://HOST:PORT[,HOST:PORT...]/TOPIC in cluster mode (parley load moves them into PostgreSQL)."),
  STORE("--store", "ADDRESS", "PARLEY_STORE", "store", null,
      "Cluster mode: postgresql://USER@HOST:PORT/DB, where the collectors share their write keys, admin token and"
          + " hash key (needs --log kafka://...); the password from PARLEY_STORE_PASSWORD or --store-password-file."),
  STORE_PASSWORD_FILE("--store-password-file", "FILE", "PARLEY_STORE_PASSWORD_FILE", "storePasswordFile", null,
      "A file holding the password of --store's database."),
  ROLES("--roles", "ROLES", "PARLEY_ROLES", "roles", "collect,load,read",
      "What this process does: collect (/v1/*), load (in cluster mode, join the loaders of --log), read (/api/v1/*,"
          + " the dashboard); /healthz, /readyz and /metrics always. Leaving out load needs cluster mode (--store)."),
  LOG_MAX_BYTES("--log-max-bytes", "SIZE", "PARLEY_LOG_MAX_BYTES", "logMaxBytes", "1GiB",
      "The most the ingest log (data directory's log/) may hold while the store loads it, such as 512MB or 2GiB;"
          + " past it, requests are answered 503 with Retry-After until the store catches up."),
  LOG_SEGMENT_BYTES("--log-segment-bytes", "SIZE", "PARLEY_LOG_SEGMENT_BYTES", "logSegmentBytes", "64MiB",
      "Size of one file of the ingest log; a loaded file is deleted once the next one is started."),
  IDLE_TIMEOUT("--idle-timeout", "DURATION", "PARLEY_IDLE_TIMEOUT", "idleTimeout", "PT30M",
      "How long (ISO-8601, e.g. PT30M) a started, unended conversation may be quiet before it counts as abandoned."),
  CONTENT_MODE("--content-mode", "MODE", "PARLEY_CONTENT_MODE", "contentMode", "keep",
      "keep, mask (PII to [EMAIL], [PHONE]...), hash (keyed HMAC-SHA256) or drop (length kept), for sources without their own."),
  CONTENT_PATHS("--content-paths", "PATHS", "PARLEY_CONTENT_PATHS", "contentPaths", "properties.message_body",
      "Comma-separated dotted paths of each message that the content mode treats, besides the message body"
          + " (always treated)."),
  CONTENT_PATTERNS("--content-pattern", "NAME=REGEX", "PARLEY_CONTENT_PATTERNS", "contentPatterns", null,
      "Custom patterns for mask mode, NAME=REGEX (repeat the flag; newline-separated in the environment;"
          + " a mapping in parley.yml); a match becomes [NAME]."),
  HASH_KEY("--hash-key", "SECRET", "PARLEY_HASH_KEY", "hashKey", null,
      "Secret of hash mode (16+ characters); one is made on first start and kept in keys.json when absent."),
  RETENTION("--retention", "AGE", "PARLEY_RETENTION", "retention", null,
      "Delete events older than this (90d, 12h, 30m, or ISO-8601 such as P90D), at start and every hour; default keep for ever."),
  TLS_CERT("--tls-cert", "PEM", "PARLEY_TLS_CERT", "tlsCert", null, "PEM certificate (chain) to serve HTTPS with; needs --tls-key."),
  TLS_KEY("--tls-key", "PEM", "PARLEY_TLS_KEY", "tlsKey", null, "PEM private key (PKCS#8 or PKCS#1 RSA) of --tls-cert."),
  MEMORY_LIMIT("--memory-limit", "SIZE", "PARLEY_MEMORY_LIMIT", "memoryLimit", null,
      "Memory the store (DuckDB, outside the Java heap) may use, such as 512MB or 2GiB; default DuckDB's own,"
          + " 80% of the machine's RAM. Queries larger than it spill to disk."),
  TOPICS("--topics", "on|off", "PARLEY_TOPICS", "topics", "on",
      "Group conversations into topics by their first message, with a small embedding model that runs in this"
          + " process (no text leaves it); off saves its memory (about 150 MB) and CPU. Embedded store only.");

  private final String flag;
  private final String paramLabel;
  private final String env;
  private final String yamlKey;
  private final String defaultValue;
  private final String description;

  Setting(String flag, String paramLabel, String env, String yamlKey, String defaultValue, String description) {
    this.flag = flag;
    this.paramLabel = paramLabel;
    this.env = env;
    this.yamlKey = yamlKey;
    this.defaultValue = defaultValue;
    this.description = description;
  }

  public String flag() {
    return flag;
  }

  /** The name of the flag's value in help, such as {@code PORT}. */
  public String paramLabel() {
    return paramLabel;
  }

  /** Whether the flag may be given more than once (its values are joined by newlines). */
  public boolean repeatable() {
    return this == CONTENT_PATTERNS;
  }

  public String env() {
    return env;
  }

  public String yamlKey() {
    return yamlKey;
  }

  /** The default, or null when the option has none. */
  public String defaultValue() {
    return defaultValue;
  }

  public String description() {
    return description;
  }
}
