package dev.parley.server.config;

import static org.assertj.core.api.Assertions.assertThat;

import dev.parley.server.testing.Eventually;
import dev.parley.spec.privacy.ContentMode;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class KeyStoreTest {
  private static final Clock CLOCK = Clock.fixed(Instant.parse("2026-11-20T10:00:00Z"), ZoneOffset.UTC);

  @TempDir Path dir;

  /** Collectors given the same --write-key store its events under one source, so dedupe holds across them. */
  @Test
  void aGivenWriteKeyIsTheSameSourceInEveryDataDirectoryAndItsIdHidesTheKey(@TempDir Path other) throws Exception {
    Source here = KeyStore.open(dir).ensure("shared-key", "default");
    Source there = KeyStore.open(other).ensure("shared-key", "default");

    assertThat(there.id()).isEqualTo(here.id()).matches("src_[0-9a-f]{12}").doesNotContain("shared");
    assertThat(KeyStore.open(other).ensure("another-key", "default").id()).isNotEqualTo(here.id());
    assertThat(Secrets.keyHash("shared-key")).doesNotContain(here.id().substring(4));
  }

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
    assertThat(Files.readString(dir.resolve(KeyStore.FILE_NAME))).as("migrated at open")
        .doesNotContain("wk_plain_old_key").contains(Secrets.keyHash("wk_plain_old_key"));
    NewKey made = keys.create("new", Optional.empty(), Optional.of(ContentMode.DROP));

    String file = Files.readString(dir.resolve(KeyStore.FILE_NAME));
    assertThat(file).doesNotContain("wk_plain_old_key").doesNotContain(made.writeKey())
        .contains(Secrets.keyHash("wk_plain_old_key"));
    assertThat(keys.byWriteKey("wk_plain_old_key")).map(Source::id).contains("src_old");
    assertThat(KeyStore.open(dir).byWriteKey(made.writeKey()).orElseThrow().contentMode()).contains(ContentMode.DROP);
    assertThat(keys.revoke("wk_plain_old_key")).isPresent();
    assertThat(keys.byWriteKey("wk_plain_old_key")).as("revoked at once").isEmpty();
  }

  @Test
  void lookupsAnswerFromTheSnapshotWithoutReadingTheFile() throws Exception {
    KeyStore keys = KeyStore.open(dir, CLOCK, Optional.empty());
    NewKey made = keys.create("web", Optional.empty());
    keys.adminToken("adm");
    Path file = dir.resolve(KeyStore.FILE_NAME);

    Files.writeString(file, "{ not json");
    assertThat(keys.byWriteKey(made.writeKey())).contains(made.source());
    assertThat(keys.list()).containsExactly(made.source());
    assertThat(keys.adminToken()).contains("adm");

    Files.delete(file);
    assertThat(keys.byWriteKey(made.writeKey())).contains(made.source());
    assertThat(keys.byWriteKey("wk_unknown")).isEmpty();
    assertThat(keys.byWriteKey(null)).isEmpty();
  }

  @Test
  void aCheckSwapsInWhatAnotherWriterChangedAndKeepsTheLastGoodKeysOverABrokenFile() throws Exception {
    KeyStore server = KeyStore.open(dir, CLOCK, Optional.empty());
    NewKey first = server.create("first", Optional.empty());
    KeyStore cli = KeyStore.open(dir);
    NewKey second = cli.create("second", Optional.empty());
    cli.revoke(first.source().id());

    assertThat(server.byWriteKey(second.writeKey())).as("not before a check").isEmpty();
    assertThat(server.checkForChanges()).isTrue();
    assertThat(server.byWriteKey(second.writeKey())).contains(second.source());
    assertThat(server.byWriteKey(first.writeKey())).as("revoked by the other writer").isEmpty();
    assertThat(server.checkForChanges()).as("nothing new").isFalse();

    Path file = dir.resolve(KeyStore.FILE_NAME);
    byte[] good = Files.readAllBytes(file);
    Files.writeString(file, "{\"sources\": [", StandardCharsets.UTF_8);
    assertThat(server.checkForChanges()).isFalse();
    Files.delete(file);
    assertThat(server.checkForChanges()).isFalse();
    assertThat(server.byWriteKey(second.writeKey())).as("the last good keys stay").contains(second.source());

    Files.write(file, good);
    assertThat(server.checkForChanges()).as("unchanged from the last good file").isFalse();
    assertThat(server.list()).extracting(Source::id).containsExactly(first.source().id(), second.source().id());
  }

  @Test
  void aWatchingStoreFollowsChangesOtherWritersMake() {
    try (KeyStore server = KeyStore.watch(dir)) {
      NewKey made = KeyStore.open(dir).create("cli", Optional.empty());

      assertThat(Eventually.answer(() -> server.byWriteKey(made.writeKey()), Optional::isPresent))
          .contains(made.source());

      KeyStore.open(dir).revoke(made.writeKey());
      assertThat(Eventually.answer(() -> server.byWriteKey(made.writeKey()), Optional::isEmpty)).isEmpty();
    }
  }

  @Test
  void writersWithTheirOwnStoresOnOneDirectoryLoseNoKey() throws Exception {
    int writers = 4;
    int each = 25;
    ExecutorService threads = Executors.newFixedThreadPool(writers);
    CountDownLatch go = new CountDownLatch(1);
    List<Future<List<NewKey>>> made = new ArrayList<>();
    try {
      for (int w = 0; w < writers; w++) {
        String name = "writer-" + w;
        made.add(threads.submit(() -> {
          KeyStore own = KeyStore.open(dir); // as another process would: its own snapshot of the file
          go.await();
          List<NewKey> keys = new ArrayList<>();
          for (int i = 0; i < each; i++) {
            keys.add(own.create(name, Optional.empty()));
          }
          return keys;
        }));
      }
      go.countDown();
      List<NewKey> all = new ArrayList<>();
      for (Future<List<NewKey>> keys : made) {
        all.addAll(keys.get(60, TimeUnit.SECONDS));
      }

      KeyStore reopened = KeyStore.open(dir);
      assertThat(reopened.list()).hasSize(writers * each)
          .containsExactlyInAnyOrderElementsOf(all.stream().map(NewKey::source).toList());
      assertThat(all).allSatisfy(key -> assertThat(reopened.byWriteKey(key.writeKey())).contains(key.source()));
      try (Stream<Path> files = Files.list(dir)) {
        assertThat(files.map(p -> p.getFileName().toString())).as("no temporary file left")
            .containsExactlyInAnyOrder("keys.json", "keys.json.lock");
      }
    } finally {
      threads.shutdownNow();
    }
  }

  @Test
  void writersInOtherProcessesLoseNoKey() throws Exception {
    Path data = dir.resolve("data");
    int each = 20;
    List<Process> processes = new ArrayList<>();
    for (int p = 0; p < 2; p++) {
      processes.add(new ProcessBuilder(Path.of(System.getProperty("java.home"), "bin", "java").toString(), "-Xmx64m",
          "-cp", System.getProperty("java.class.path"), KeyWriter.class.getName(), data.toString(), "process-" + p,
          Integer.toString(each)).redirectErrorStream(true).redirectOutput(dir.resolve("writer-" + p + ".out").toFile())
          .start());
    }
    KeyStore here = KeyStore.open(data);
    List<String> keys = new ArrayList<>();
    // Writes for as long as the other processes run, so their writes and these overlap.
    while (keys.size() < 5_000 && processes.stream().anyMatch(Process::isAlive)) {
      keys.add(here.create("here", Optional.empty()).writeKey());
    }
    for (int p = 0; p < processes.size(); p++) {
      assertThat(processes.get(p).waitFor(60, TimeUnit.SECONDS)).isTrue();
      Path out = dir.resolve("writer-" + p + ".out");
      assertThat(processes.get(p).exitValue()).as(Files.readString(out)).isZero();
      List<String> made = Files.readAllLines(out).stream().filter(line -> line.startsWith("wk_")).toList();
      assertThat(made).as(Files.readString(out)).hasSize(each);
      keys.addAll(made);
    }

    KeyStore reopened = KeyStore.open(data);
    assertThat(reopened.list()).hasSameSizeAs(keys);
    assertThat(keys).allSatisfy(key -> assertThat(reopened.byWriteKey(key)).isPresent());
  }

  /** Another process writing keys: {@code KeyWriter <dir> <name> <count>} prints each key it made. */
  static final class KeyWriter {
    public static void main(String[] args) {
      KeyStore keys = KeyStore.open(Path.of(args[0]));
      for (int i = 0; i < Integer.parseInt(args[2]); i++) {
        System.out.println(keys.create(args[1], Optional.empty()).writeKey());
      }
    }
  }
}
