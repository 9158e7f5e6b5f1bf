package dev.parley.server.analytics;

import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;

/**
 * Derives a conversation's summary from its ordered events, with the same definitions as
 * the list query, and attaches actions, media, components and feedback to their message.
 */
final class TranscriptFacts {
  private static final Set<String> ATTACHABLE =
      Set.of("Action Invoked", "Media Generated", "Component Loaded", "Feedback Submitted");

  private TranscriptFacts() {}

  static ConversationSummary summarise(String id, List<TranscriptEvent> ordered, Instant idleBefore) {
    String userId = null;
    String anonymousId = null;
    Instant startedAt = null;
    Instant endedAt = null;
    Instant last = ordered.get(0).ts();
    long messages = 0;
    double ratingSum = 0;
    int ratings = 0;
    Set<String> actions = new TreeSet<>();
    Set<String> outcomes = new TreeSet<>();
    for (TranscriptEvent e : ordered) {
      userId = min(userId, e.userId());
      anonymousId = min(anonymousId, e.anonymousId());
      if (e.ts().isAfter(last)) {
        last = e.ts();
      }
      if (e.is("Conversation Started") && startedAt == null) {
        startedAt = e.ts();
      }
      if (e.is("Conversation Ended") && endedAt == null) {
        endedAt = e.ts();
      }
      if (e.isMessage()) {
        messages++;
      }
      if (e.is("Feedback Submitted") && e.rating() != null) {
        ratingSum += e.rating();
        ratings++;
      }
      if (e.is("Action Invoked") && e.action() != null) {
        actions.add(e.action());
      }
      if ("track".equals(e.type()) && e.event() != null && !SpecEventNames.ALL.contains(e.event())) {
        outcomes.add(e.event());
      }
    }
    ConversationStatus status = endedAt != null ? ConversationStatus.ENDED
        : startedAt != null && last.isBefore(idleBefore) ? ConversationStatus.ABANDONED
        : ConversationStatus.OPEN;
    return new ConversationSummary(id, userId, anonymousId, startedAt, endedAt, last, status, messages,
        ratings == 0 ? null : ratingSum / ratings, List.copyOf(actions), List.copyOf(outcomes));
  }

  /** The events, each message carrying the events that refer to its chat messageId. */
  static List<TranscriptEvent> attach(List<TranscriptEvent> ordered) {
    Map<String, List<TranscriptEvent>> byMessage = new HashMap<>();
    for (TranscriptEvent e : ordered) {
      if (ATTACHABLE.contains(e.event()) && e.chatMessageId() != null) {
        byMessage.computeIfAbsent(e.chatMessageId(), k -> new ArrayList<>()).add(e);
      }
    }
    List<TranscriptEvent> out = new ArrayList<>(ordered.size());
    for (TranscriptEvent e : ordered) {
      boolean message = e.isMessage() && e.chatMessageId() != null;
      out.add(message ? e.withAttached(byMessage.getOrDefault(e.chatMessageId(), List.of())) : e);
    }
    return out;
  }

  private static String min(String a, String b) {
    if (a == null) {
      return b;
    }
    return b == null ? a : (a.compareTo(b) <= 0 ? a : b);
  }
}
