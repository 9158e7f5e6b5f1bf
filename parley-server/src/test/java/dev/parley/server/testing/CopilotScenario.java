package dev.parley.server.testing;

import static dev.parley.server.testing.StoredEvent.alias;
import static dev.parley.server.testing.StoredEvent.identify;
import static dev.parley.server.testing.StoredEvent.track;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;

/**
 * A week of copilot traffic with known answers, written event by event. The expected
 * values live in the tests that use it (computed by hand from the layout below):
 *
 * <ul>
 *   <li>e01..e30 started and ended. Starts 30 min apart from 2026-11-19T00:00Z. Sent m1
 *       at +1s, Received m2 at +1s+L, Sent m3 at +20s, Received m4 at +20s+L, with
 *       L = i*100 ms (m2's role human_agent when i % 5 is 3 or 4, else ai_agent); Ended at +(50+i)s with message_count 4 (e30 says 5). e01..e20
 *       belong to u01..u20; e21..e30 to anon-21..anon-30 (an identify links anon-21 to
 *       u21, an alias links anon-22 to u01). Feedback on m2 for e01..e10 rating
 *       (i % 5) + 1, conversation-level 4 for e11..e15. Actions: tool/search twice in e01
 *       and once in e02..e04, tool/checkout in e05..e06, link/open in e07. Media:
 *       image/png in e08, e09, video/mp4 in e10. Components: carousel in e11, e12, form in
 *       e13. Outcomes: Item Purchased twice in e01, once in e02 and e03; Ticket Opened in
 *       e04. e07's m1 mentions a refund.</li>
 *   <li>a01..a10 abandoned: started 5 min apart from 2026-11-20T08:00Z by u01..u10, Sent
 *       at +2s, Received at +2.5s, nothing more (a03's reply mentions a refund).</li>
 *   <li>o01..o08 open: started one minute apart from 11:40 by u30..u37, Sent at +1s.</li>
 *   <li>x01 (u40): Message Sent before Conversation Started, Ended with the right
 *       message_count, then feedback (rating 1) for an unknown message after the end.</li>
 *   <li>x02 (u41): started, sent, received (1 s latency) and ended, stored in reverse
 *       arrival order.</li>
 *   <li>p01..p05: only a Conversation Started each, all at 11:50:00 (equal timestamps),
 *       by anon-p.</li>
 *   <li>old01: before the window. Three violations in the window, one before it.</li>
 * </ul>
 * "Now" is 2026-11-20T12:00Z; the window is the 7 days before it; the idle timeout 30 min.
 */
public final class CopilotScenario {
  public static final Instant NOW = Instant.parse("2026-11-20T12:00:00Z");
  public static final Instant FROM = NOW.minus(Duration.ofDays(7));
  public static final Instant TO = NOW;
  public static final Duration IDLE_TIMEOUT = Duration.ofMinutes(30);

  private CopilotScenario() {}

  public static Clock clock() {
    return Clock.fixed(NOW, ZoneOffset.UTC);
  }

  /** Writes the whole scenario into {@code store}. */
  public static void write(ScenarioStore store) {
    Instant day = Instant.parse("2026-11-19T00:00:00Z");
    store.insert(identify("u01", null, "{\"plan\":\"free\"}", Instant.parse("2026-11-14T00:00:00Z")));
    for (int i = 1; i <= 30; i++) {
      ended(store, i, day.plus(Duration.ofMinutes(30L * (i - 1))));
    }
    store.insert(identify("u01", null, "{\"plan\":\"pro\"}", Instant.parse("2026-11-19T22:00:00Z")));
    store.insert(identify("u02", null, "{\"plan\":\"free\"}", Instant.parse("2026-11-19T22:00:00Z")));
    store.insert(identify("u21", "anon-21", "{\"plan\":\"pro\"}", Instant.parse("2026-11-19T23:00:00Z")));
    store.insert(alias("u01", "anon-22", Instant.parse("2026-11-19T23:00:00Z")));
    store.insert(track("Plan Viewed", null, Instant.parse("2026-11-19T01:00:00Z")).user("u01"));

    Instant morning = Instant.parse("2026-11-20T08:00:00Z");
    for (int i = 1; i <= 10; i++) {
      String c = id("a", i);
      String user = id("u", i);
      Instant s = morning.plus(Duration.ofMinutes(5L * (i - 1)));
      store.insert(track("Conversation Started", c, s).user(user));
      store.insert(track("Message Sent", c, s.plusSeconds(2)).user(user).message(c + "-m1").body("question " + c));
      store.insert(track("Message Received", c, s.plusMillis(2500)).user(user).message(c + "-m2")
          .body(i == 3 ? "a refund is on its way" : "answer " + c));
    }
    Instant late = Instant.parse("2026-11-20T11:40:00Z");
    for (int i = 1; i <= 8; i++) {
      String c = id("o", i);
      String user = id("u", 29 + i);
      Instant s = late.plus(Duration.ofMinutes(i - 1));
      store.insert(track("Conversation Started", c, s).user(user));
      store.insert(track("Message Sent", c, s.plusSeconds(1)).user(user).message(c + "-m1").body("question " + c));
    }
    outOfSequence(store);
    Instant same = Instant.parse("2026-11-20T11:50:00Z");
    for (int i = 1; i <= 5; i++) {
      store.insert(track("Conversation Started", id("p", i), same).anonymous("anon-p"));
    }
    Instant old = Instant.parse("2026-11-01T10:00:00Z");
    long oldSeq = store.insert(track("Conversation Started", "old01", old).user("u99"));
    store.insert(track("Message Sent", "old01", old.plusSeconds(1)).user("u99").message("old01-m1").body("old"));
    store.insert(track("Conversation Ended", "old01", old.plusSeconds(60)).user("u99"));
    store.insertViolation(oldSeq, old);
    for (int i = 0; i < 3; i++) {
      store.insertViolation(1, Instant.parse("2026-11-19T12:00:00Z").plusSeconds(i));
    }
  }

  private static void ended(ScenarioStore store, int i, Instant s) {
    String c = id("e", i);
    String who = i <= 20 ? id("u", i) : "anon-" + String.format("%02d", i);
    List<StoredEvent> events = new ArrayList<>();
    Duration latency = Duration.ofMillis(100L * i);
    events.add(track("Conversation Started", c, s));
    events.add(track("Message Sent", c, s.plusSeconds(1)).message(c + "-m1")
        .body(i == 7 ? "I would like a Refund" : "question one of " + c));
    events.add(track("Message Received", c, s.plusSeconds(1).plus(latency)).message(c + "-m2")
        .role(i % 5 == 3 || i % 5 == 4 ? "human_agent" : "ai_agent").body("answer one of " + c));
    events.add(track("Message Sent", c, s.plusSeconds(20)).message(c + "-m3").body("question two of " + c));
    events.add(track("Message Received", c, s.plusSeconds(20).plus(latency)).message(c + "-m4")
        .body("answer two of " + c));
    Instant extra = s.plusSeconds(30);
    if (i <= 10) {
      events.add(track("Feedback Submitted", c, extra).message(c + "-m2").rating((i % 5) + 1).role(null));
    } else if (i <= 15) {
      events.add(track("Feedback Submitted", c, s.plusSeconds(50)).rating(4).role(null));
    }
    if (i <= 4) {
      events.add(track("Action Invoked", c, extra.plusSeconds(1)).message(c + "-m2").item("tool", "search", null));
    }
    if (i == 1) {
      events.add(track("Action Invoked", c, extra.plusSeconds(2)).message(c + "-m2").item("tool", "search", null));
    }
    if (i == 5 || i == 6) {
      events.add(track("Action Invoked", c, extra.plusSeconds(1)).message(c + "-m2").item("tool", "checkout", null));
    }
    if (i == 7) {
      events.add(track("Action Invoked", c, extra.plusSeconds(1)).message(c + "-m2").item("link", "open", null));
    }
    if (i == 8 || i == 9) {
      events.add(track("Media Generated", c, extra.plusSeconds(2)).message(c + "-m4").item("image", null, "png"));
    }
    if (i == 10) {
      events.add(track("Media Generated", c, extra.plusSeconds(2)).message(c + "-m4").item("video", null, "mp4"));
    }
    if (i == 11 || i == 12) {
      events.add(track("Component Loaded", c, extra.plusSeconds(3)).message(c + "-m4").item("carousel", null, null));
    }
    if (i == 13) {
      events.add(track("Component Loaded", c, extra.plusSeconds(3)).message(c + "-m4").item("form", null, null));
    }
    if (i <= 3) {
      events.add(track("Item Purchased", c, s.plusSeconds(40)).role(null));
    }
    if (i == 1) {
      events.add(track("Item Purchased", c, s.plusSeconds(41)).role(null));
    }
    if (i == 4) {
      events.add(track("Ticket Opened", c, s.plusSeconds(40)).role(null));
    }
    events.add(track("Conversation Ended", c, s.plusSeconds(50L + i)).messageCount(i == 30 ? 5 : 4));
    for (StoredEvent e : events) {
      store.insert(i <= 20 ? e.user(who) : e.anonymous(who));
    }
  }

  private static void outOfSequence(ScenarioStore store) {
    Instant x = Instant.parse("2026-11-19T20:00:00Z");
    store.insert(track("Message Sent", "x01", x).user("u40").message("x01-m1").body("hello?"));
    store.insert(track("Conversation Started", "x01", x.plusSeconds(5)).user("u40"));
    store.insert(track("Message Received", "x01", x.plusSeconds(6)).user("u40").message("x01-m2").body("hi"));
    store.insert(track("Conversation Ended", "x01", x.plusSeconds(10)).user("u40").messageCount(2));
    store.insert(track("Feedback Submitted", "x01", x.plusSeconds(20)).user("u40").message("x01-nope").rating(1));

    Instant y = Instant.parse("2026-11-19T21:00:00Z");
    store.insert(track("Conversation Ended", "x02", y.plusSeconds(3)).user("u41").messageCount(2));
    store.insert(track("Message Received", "x02", y.plusSeconds(2)).user("u41").message("x02-m2").body("reply"));
    store.insert(track("Message Sent", "x02", y.plusSeconds(1)).user("u41").message("x02-m1").body("ask"));
    store.insert(track("Conversation Started", "x02", y).user("u41"));
  }

  /** {@code id("e", 7)} is "e07". */
  public static String id(String prefix, int i) {
    return prefix + String.format("%02d", i);
  }
}
