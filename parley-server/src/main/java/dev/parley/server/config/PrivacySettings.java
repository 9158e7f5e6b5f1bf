package dev.parley.server.config;

import com.fasterxml.jackson.databind.JsonNode;
import dev.parley.spec.privacy.ContentMode;
import java.nio.file.Path;
import java.time.Duration;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.StringJoiner;

/** Reads the privacy and TLS settings out of a {@link ConfigResolver}. */
final class PrivacySettings {
  private PrivacySettings() {}

  static PrivacyConfig resolve(ConfigResolver config) {
    ContentMode mode = ContentMode.parse(config.value(Setting.CONTENT_MODE).orElseThrow());
    List<String> paths = new ArrayList<>();
    for (String path : config.value(Setting.CONTENT_PATHS).orElseThrow().split(",")) {
      if (!path.isBlank()) {
        paths.add(path.trim());
      }
    }
    return new PrivacyConfig(mode, paths, patterns(config.value(Setting.CONTENT_PATTERNS).orElse("")),
        config.value(Setting.HASH_KEY), config.value(Setting.RETENTION).map(PrivacySettings::duration));
  }

  static Optional<TlsFiles> tls(ConfigResolver config) {
    Optional<String> cert = config.value(Setting.TLS_CERT);
    Optional<String> key = config.value(Setting.TLS_KEY);
    if (cert.isPresent() != key.isPresent()) {
      throw new IllegalArgumentException("--tls-cert and --tls-key go together: give both or neither");
    }
    return cert.map(c -> new TlsFiles(Path.of(c), Path.of(key.orElseThrow())));
  }

  /** {@code NAME=REGEX} entries, one a line. */
  static Map<String, String> patterns(String text) {
    Map<String, String> patterns = new LinkedHashMap<>();
    for (String line : text.split("\n")) {
      if (line.isBlank()) {
        continue;
      }
      int equals = line.indexOf('=');
      if (equals <= 0) {
        throw new IllegalArgumentException("--content-pattern takes NAME=REGEX, not \"" + line + "\"");
      }
      patterns.put(line.substring(0, equals).trim(), line.substring(equals + 1));
    }
    return patterns;
  }

  /** {@code 90d}, {@code 12h}, {@code 30m}, or an ISO-8601 duration such as {@code P90D}. */
  static Duration duration(String text) {
    String t = text.trim().toLowerCase(Locale.ROOT);
    try {
      if (t.matches("\\d+[dhm]")) {
        long n = Long.parseLong(t.substring(0, t.length() - 1));
        return switch (t.charAt(t.length() - 1)) {
          case 'd' -> Duration.ofDays(n);
          case 'h' -> Duration.ofHours(n);
          default -> Duration.ofMinutes(n);
        };
      }
      return Duration.parse(text.trim().toUpperCase(Locale.ROOT).replaceFirst("^P(\\d+)D$", "P$1D"));
    } catch (DateTimeParseException | NumberFormatException e) {
      throw new IllegalArgumentException("--retention takes 90d, 12h, 30m or an ISO-8601 duration, not \"" + text + "\"");
    }
  }

  /** A YAML value as setting text: lists joined with commas, mappings as NAME=VALUE lines. */
  static String yamlText(JsonNode node) {
    if (node.isArray()) {
      StringJoiner joined = new StringJoiner(",");
      node.forEach(item -> joined.add(item.asText()));
      return joined.toString();
    }
    if (node.isObject()) {
      StringJoiner lines = new StringJoiner("\n");
      for (Iterator<Map.Entry<String, JsonNode>> it = node.fields(); it.hasNext(); ) {
        Map.Entry<String, JsonNode> entry = it.next();
        lines.add(entry.getKey() + "=" + entry.getValue().asText());
      }
      return lines.toString();
    }
    return node.asText();
  }
}
