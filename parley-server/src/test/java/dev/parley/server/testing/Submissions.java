package dev.parley.server.testing;

import dev.parley.server.ingest.NormalisedEvent;
import dev.parley.server.ingest.Submission;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

/** Submissions as ingest makes them, for tests of the log, the loader and the store. */
public final class Submissions {
  /** The time every event made here carries. */
  public static final Instant AT = Instant.parse("2026-12-01T10:00:00Z");

  private Submissions() {}

  /** One track event of user {@code u} in conversation {@code c1} per id, with a message body that names the id. */
  public static Submission of(String... ids) {
    List<NormalisedEvent> events = new ArrayList<>();
    for (String id : ids) {
      events.add(new NormalisedEvent("src", id, "track", "E", "u", null, null, "c1", null, null, "text of " + id,
          null, null, null, 4.5, null, AT, null, null, AT, "{\"messageId\":\"" + id + "\"}", List.of()));
    }
    return new Submission(events, List.of());
  }
}
