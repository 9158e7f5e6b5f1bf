package dev.parley.server.config;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import dev.parley.spec.privacy.ContentMode;

class KeyStoreTest {
  @TempDir Path dir;

  @Test
  void keysSurviveReopeningAndRevokedKeysStopWorking() throws Exception {
    KeyStore keys = KeyStore.open(dir);
    NewKey made = keys.create("web", Optional.of(ValidationMode.BLOCK));
    Source web = made.source();
    Source app = keys.ensure("app-key", "app");
    keys.adminToken("secret");

    KeyStore again = KeyStore.open(dir);
    assertThat(again.list()).extracting(Source::id).containsExactly(web.id(), app.id());
    assertThat(again.byWriteKey(made.writeKey()).orElseThrow().validation()).contains(ValidationMode.BLOCK);
    assertThat(again.adminToken()).contains("secret");
    assertThat(again.ensure("app-key", "other").id()).isEqualTo(app.id());

    assertThat(again.revoke(web.id())).isPresent();
    assertThat(KeyStore.open(dir).byWriteKey(made.writeKey())).isEmpty();
    assertThat(KeyStore.open(dir).byWriteKey("app-key")).isPresent();
    assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(dir.resolve(KeyStore.FILE_NAME))))
        .isEqualTo("rw-------");
  }

  @Test
  void writeKeysAreKeptHashedAndAPlainFileIsMigratedOnLoad() throws Exception {
    Files.writeString(dir.resolve(KeyStore.FILE_NAME), "{\"adminToken\":\"adm\",\"sources\":[{\"id\":\"src_old\","
        + "\"name\":\"old\",\"writeKey\":\"wk_plain_old_key\",\"createdAt\":\"2026-01-01T00:00:00Z\"}]}");

    KeyStore keys = KeyStore.open(dir);
    NewKey made = keys.create("new", Optional.empty(), Optional.of(ContentMode.DROP));

    String file = Files.readString(dir.resolve(KeyStore.FILE_NAME));
    assertThat(file).doesNotContain("wk_plain_old_key").doesNotContain(made.writeKey())
        .contains(Secrets.keyHash("wk_plain_old_key"));
    assertThat(keys.byWriteKey("wk_plain_old_key")).map(Source::id).contains("src_old");
    assertThat(KeyStore.open(dir).byWriteKey(made.writeKey()).orElseThrow().contentMode()).contains(ContentMode.DROP);
    assertThat(keys.revoke("wk_plain_old_key")).isPresent();
    assertThat(keys.byWriteKey("wk_plain_old_key")).as("revoked at once").isEmpty();
  }
}
