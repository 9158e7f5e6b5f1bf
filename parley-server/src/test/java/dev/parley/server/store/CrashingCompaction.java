package dev.parley.server.store;

import dev.parley.server.ingest.NormalisedEvent;
import dev.parley.server.ingest.Submission;
import java.nio.file.Path;
import java.time.Instant;
import java.util.List;
import java.util.Optional;

/**
 * Run as its own process: stores a user's words and another's, then erases the first user (or
 * deletes the expired events) and stops dead, as a SIGKILL would, when compaction reaches the
 * step named. Exits with {@link #HALTED} when it stopped there, 0 when the step never came.
 *
 * <p>Arguments: the data directory, {@code erase} or {@code retention}, a {@link CompactionStep}.
 */
public final class CrashingCompaction {
  static final int HALTED = 86;
  static final Instant NOW = Instant.parse("2026-11-20T12:00:00Z");
  static final Instant LONG_AGO = Instant.parse("2020-01-01T00:00:00Z");
  static final String ERASED_WORDS = "words-of-the-erased-user";
  static final String EXPIRED_WORDS = "words-past-their-retention";
  static final String KEPT_WORDS = "words-that-stay";

  private CrashingCompaction() {}

  public static void main(String[] args) {
    Path dir = Path.of(args[0]);
    boolean erase = args[1].equals("erase");
    CompactionStep stopAt = CompactionStep.valueOf(args[2]);
    CompactionHooks hooks = new CompactionHooks() {
      @Override
      public void reached(CompactionStep step) {
        if (step == stopAt) {
          Runtime.getRuntime().halt(HALTED);
        }
      }
    };
    DuckDbStore store = DuckDbStore.open(dir, Optional.empty(), hooks);
    store.commit(List.of(event("e1", "gone", ERASED_WORDS, NOW), event("e2", "old", EXPIRED_WORDS, LONG_AGO),
        event("e3", "kept", KEPT_WORDS, NOW)));
    if (erase) {
      store.erase("gone", NOW);
    } else {
      store.deleteBefore(NOW.minusSeconds(86_400), 1_000);
      store.compactIfSparse();
    }
    store.close();
  }

  /** A Message Sent of {@code user} saying {@code words}, sent and received at {@code at}. */
  static Submission event(String id, String user, String words, Instant at) {
    return new Submission(List.of(new NormalisedEvent("src", id, "track", "Message Sent", user, null, null,
        "c-" + user, null, null, words, null, null, null, null, null, at, null, null, at,
        "{\"message_body\":\"" + words + "\"}", List.of())), List.of());
  }
}
