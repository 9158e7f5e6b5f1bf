package dev.parley.server.config;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;
import java.util.Optional;

/**
 * Resolves each {@link Setting}: the flag first, then the {@code PARLEY_*} environment
 * variable, then {@code parley.yml}, then the default.
 */
public final class ConfigResolver {
  /** The file read when no {@code --config} is given, if it exists. */
  public static final Path DEFAULT_FILE = Path.of("parley.yml");

  private final Map<Setting, String> flags;
  private final Map<String, String> env;
  private final JsonNode yaml;
  private final Path file;

  private ConfigResolver(Map<Setting, String> flags, Map<String, String> env, JsonNode yaml, Path file) {
    this.flags = flags;
    this.env = env;
    this.yaml = yaml;
    this.file = file;
  }

  /**
   * A resolver over these sources.
   *
   * @param flags values given on the command line
   * @param env the environment
   * @param file a {@code parley.yml}; a missing file counts as empty unless {@code required}
   */
  public static ConfigResolver of(Map<Setting, String> flags, Map<String, String> env, Path file, boolean required) {
    return new ConfigResolver(Map.copyOf(flags), Map.copyOf(env), readYaml(file, required), file);
  }

  /** The value of a setting, from the first source that has one. */
  public Optional<String> value(Setting setting) {
    String flag = flags.get(setting);
    if (flag != null) {
      return Optional.of(flag);
    }
    String fromEnv = env.get(setting.env());
    if (fromEnv != null && !fromEnv.isBlank()) {
      return Optional.of(fromEnv);
    }
    JsonNode fromFile = yaml.get(setting.yamlKey());
    if (fromFile != null && !fromFile.isNull()) {
      return Optional.of(PrivacySettings.yamlText(fromFile));
    }
    return Optional.ofNullable(setting.defaultValue());
  }

  /** The whole configuration. */
  public ServerConfig resolve() {
    return new ServerConfig(
        value(Setting.HOST).orElseThrow(),
        parseInt(Setting.PORT),
        Path.of(value(Setting.DATA).orElseThrow()),
        value(Setting.WRITE_KEY),
        value(Setting.ADMIN_TOKEN),
        ValidationMode.parse(value(Setting.VALIDATION).orElseThrow()),
        parseSize(Setting.LOG_MAX_BYTES),
        parseSize(Setting.LOG_SEGMENT_BYTES),
        parseInt(Setting.RATE_LIMIT),
        parseDuration(Setting.IDLE_TIMEOUT),
        PrivacySettings.resolve(this),
        PrivacySettings.tls(this),
        value(Setting.MEMORY_LIMIT),
        Optional.of(file),
        value(Setting.LOG).filter(address -> !address.isBlank()),
        value(Setting.STORE).filter(address -> !address.isBlank())
            .map(address -> new StoreAddress(address, value(Setting.STORE_PASSWORD_FILE).map(Path::of))),
        Role.parse(value(Setting.ROLES).orElseThrow()),
        parseSwitch(Setting.TOPICS));
  }

  private boolean parseSwitch(Setting setting) {
    String text = value(setting).orElseThrow().trim().toLowerCase(java.util.Locale.ROOT);
    return switch (text) {
      case "on", "true", "yes" -> true;
      case "off", "false", "no" -> false;
      default -> throw new IllegalArgumentException(setting.flag() + " must be on or off, not \"" + text + "\"");
    };
  }

  private Duration parseDuration(Setting setting) {
    String text = value(setting).orElseThrow();
    try {
      return Duration.parse(text.trim());
    } catch (java.time.format.DateTimeParseException e) {
      throw new IllegalArgumentException(setting.flag() + " must be an ISO-8601 duration such as PT30M, not \"" + text + "\"");
    }
  }

  private long parseSize(Setting setting) {
    String text = value(setting).orElseThrow();
    try {
      return ByteSize.parse(text);
    } catch (IllegalArgumentException e) {
      throw new IllegalArgumentException(setting.flag() + " must be a size such as 512MB or 2GiB, not \"" + text + "\"");
    }
  }

  private int parseInt(Setting setting) {
    String text = value(setting).orElseThrow();
    try {
      return Integer.parseInt(text.trim());
    } catch (NumberFormatException e) {
      throw new IllegalArgumentException(setting.flag() + " must be a whole number, not \"" + text + "\"");
    }
  }

  static JsonNode readYaml(Path file, boolean required) {
    if (!Files.exists(file)) {
      if (required) {
        throw new IllegalArgumentException("no such configuration file: " + file);
      }
      return new ObjectMapper().createObjectNode();
    }
    try {
      JsonNode node = new ObjectMapper(new YAMLFactory()).readTree(file.toFile());
      if (node == null || node.isMissingNode() || node.isNull()) {
        return new ObjectMapper().createObjectNode();
      }
      if (!node.isObject()) {
        throw new IllegalArgumentException(file + " must be a mapping of settings");
      }
      return node;
    } catch (IOException e) {
      throw new UncheckedIOException("cannot read " + file + ": " + e.getMessage(), e);
    }
  }
}
