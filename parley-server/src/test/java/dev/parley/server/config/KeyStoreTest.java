package dev.parley.server.config;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class KeyStoreTest {
  @TempDir Path dir;

  @Test
  void keysSurviveReopeningAndRevokedKeysStopWorking() throws Exception {
    KeyStore keys = KeyStore.open(dir);
    Source web = keys.create("web", Optional.of(ValidationMode.BLOCK));
    Source app = keys.ensure("app-key", "app");
    keys.adminToken("secret");

    KeyStore again = KeyStore.open(dir);
    assertThat(again.list()).extracting(Source::id).containsExactly(web.id(), app.id());
    assertThat(again.byWriteKey(web.writeKey()).orElseThrow().validation()).contains(ValidationMode.BLOCK);
    assertThat(again.adminToken()).contains("secret");
    assertThat(again.ensure("app-key", "other").id()).isEqualTo(app.id());

    assertThat(again.revoke(web.id())).isPresent();
    assertThat(KeyStore.open(dir).byWriteKey(web.writeKey())).isEmpty();
    assertThat(KeyStore.open(dir).byWriteKey("app-key")).isPresent();
    assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(dir.resolve(KeyStore.FILE_NAME))))
        .isEqualTo("rw-------");
  }
}
