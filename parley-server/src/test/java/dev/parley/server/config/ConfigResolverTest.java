package dev.parley.server.config;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ConfigResolverTest {
  @TempDir Path dir;

  @Test
  void defaultsServeANewcomer() {
    ServerConfig config = ConfigResolver.of(Map.of(), Map.of(), dir.resolve("absent.yml"), false).resolve();

    assertThat(config.port()).isEqualTo(8080);
    assertThat(config.dataDir()).isEqualTo(Path.of("./parley-data"));
    assertThat(config.validation()).isEqualTo(ValidationMode.FLAG);
    assertThat(config.writeKey()).isEmpty();
    assertThat(config.adminToken()).isEmpty();
    assertThat(config.logMaxBytes()).as("the same default as ServerConfig.defaults").isEqualTo(
        ServerConfig.defaults(dir).logMaxBytes()).isEqualTo(1L << 30);
    assertThat(config.memoryLimit()).as("DuckDB's own default").isEmpty();
  }

  @Test
  void theStoresMemoryLimitIsASize() {
    ServerConfig config = ConfigResolver.of(Map.of(), Map.of("PARLEY_MEMORY_LIMIT", "512MB"),
        dir.resolve("absent.yml"), false).resolve();
    assertThat(config.memoryLimit()).contains("512MB");
    assertThatThrownBy(() -> ConfigResolver.of(Map.of(Setting.MEMORY_LIMIT, "lots"), Map.of(),
        dir.resolve("absent.yml"), false).resolve())
        .hasMessageContaining("memory limit must be a size such as 512MB or 2GiB, not \"lots\"");
    assertThatThrownBy(() -> ServerConfig.defaults(dir).withMemoryLimit("1GB'; DROP TABLE events; --"))
        .isInstanceOf(IllegalArgumentException.class);
  }

  @Test
  void flagWinsOverEnvironmentWhichWinsOverTheFile() throws IOException {
    Path yml = dir.resolve("parley.yml");
    Files.writeString(yml, "port: 7000\nhost: 127.0.0.1\nvalidation: block\nadminToken: from-file\nwriteKey: file-key\n");

    ConfigResolver resolver = ConfigResolver.of(Map.of(Setting.PORT, "9000"),
        Map.of("PARLEY_PORT", "8000", "PARLEY_ADMIN_TOKEN", "from-env"), yml, true);
    ServerConfig config = resolver.resolve();

    assertThat(config.port()).isEqualTo(9000);
    assertThat(config.adminToken()).contains("from-env");
    assertThat(config.writeKey()).contains("file-key");
    assertThat(config.host()).isEqualTo("127.0.0.1");
    assertThat(config.validation()).isEqualTo(ValidationMode.BLOCK);
  }

  @Test
  void badValuesAreReportedByName() {
    assertThatThrownBy(() -> ConfigResolver.of(Map.of(Setting.PORT, "eighty"), Map.of(), dir.resolve("x.yml"), false)
        .resolve()).hasMessageContaining("--port");
    assertThatThrownBy(() -> ConfigResolver.of(Map.of(), Map.of(), dir.resolve("x.yml"), true))
        .hasMessageContaining("no such configuration file");
    assertThatThrownBy(() -> ConfigResolver.of(Map.of(Setting.VALIDATION, "strict"), Map.of(), dir.resolve("x.yml"),
        false).resolve()).hasMessageContaining("flag or block");
  }
}
