package dev.parley.server.config;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.parley.spec.privacy.ContentMode;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class PrivacySettingsTest {
  @TempDir Path dir;

  @Test
  void theDefaultsKeepTextForEverOverPlainHttp() {
    ServerConfig config = ConfigResolver.of(Map.of(), Map.of(), dir.resolve("absent.yml"), false).resolve();

    assertThat(config.privacy()).isEqualTo(PrivacyConfig.defaults());
    assertThat(config.tls()).isEmpty();
  }

  @Test
  void parleyYmlTakesPathListsAndAPatternMapping() throws IOException {
    Path yml = dir.resolve("parley.yml");
    Files.writeString(yml, "contentMode: mask\ncontentPaths: [properties.message_body, context.traits]\n"
        + "contentPatterns:\n  EMPLOYEE_ID: 'EMP-\\d{6}'\nretention: 90d\nhashKey: a-hash-key-of-twenty\n");

    PrivacyConfig privacy = ConfigResolver.of(Map.of(), Map.of(), yml, true).resolve().privacy();

    assertThat(privacy.contentMode()).isEqualTo(ContentMode.MASK);
    assertThat(privacy.contentPaths()).containsExactly("properties.message_body", "context.traits");
    assertThat(privacy.contentPatterns()).containsEntry("EMPLOYEE_ID", "EMP-\\d{6}");
    assertThat(privacy.retention()).contains(Duration.ofDays(90));
    assertThat(privacy.hashKey()).contains("a-hash-key-of-twenty");
  }

  @Test
  void flagsAndEnvironmentTakeTheSameSettings() {
    ServerConfig config = ConfigResolver.of(Map.of(Setting.CONTENT_MODE, "DROP", Setting.RETENTION, "12h",
            Setting.CONTENT_PATTERNS, "ORDER=ORD-\\d+\nTICKET=T-\\d+"),
        Map.of("PARLEY_TLS_CERT", "c.pem", "PARLEY_TLS_KEY", "k.pem"), dir.resolve("x.yml"), false).resolve();

    assertThat(config.privacy().contentMode()).isEqualTo(ContentMode.DROP);
    assertThat(config.privacy().retention()).contains(Duration.ofHours(12));
    assertThat(config.privacy().contentPatterns()).containsOnlyKeys("ORDER", "TICKET");
    assertThat(config.tls()).contains(new TlsFiles(Path.of("c.pem"), Path.of("k.pem")));
  }

  @Test
  void badValuesAreReportedByName() {
    assertThatThrownBy(() -> resolve(Setting.CONTENT_MODE, "scramble")).hasMessageContaining("keep, mask, hash or drop");
    assertThatThrownBy(() -> resolve(Setting.RETENTION, "soon")).hasMessageContaining("--retention");
    assertThatThrownBy(() -> resolve(Setting.TLS_CERT, "c.pem")).hasMessageContaining("--tls-key");
    assertThatThrownBy(() -> resolve(Setting.HASH_KEY, "short")).hasMessageContaining("16");
    assertThatThrownBy(() -> resolve(Setting.CONTENT_PATTERNS, "no-equals-sign")).hasMessageContaining("NAME=REGEX");
  }

  private ServerConfig resolve(Setting setting, String value) {
    return ConfigResolver.of(Map.of(setting, value), Map.of(), dir.resolve("x.yml"), false).resolve();
  }
}
