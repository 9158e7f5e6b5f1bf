package dev.parley.server.analytics;

import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;

/**
 * Finds the sequence findings of one conversation from its events in transcript order
 * (event time, then arrival). Works on one conversation's events, already in memory.
 */
final class SequenceFindings {
  private SequenceFindings() {}

  static List<SequenceFinding> of(List<TranscriptEvent> ordered) {
    Optional<TranscriptEvent> start = ordered.stream().filter(e -> e.is("Conversation Started")).findFirst();
    Optional<TranscriptEvent> end = ordered.stream().filter(e -> e.is("Conversation Ended")).findFirst();
    int startIndex = start.map(ordered::indexOf).orElse(-1);
    int endIndex = end.map(ordered::indexOf).orElse(Integer.MAX_VALUE);
    Set<String> messageIds = new HashSet<>();
    long messages = 0;
    for (TranscriptEvent e : ordered) {
      if (e.isMessage()) {
        messages++;
        if (e.chatMessageId() != null) {
          messageIds.add(e.chatMessageId());
        }
      }
    }
    List<SequenceFinding> findings = new ArrayList<>();
    for (int i = 0; i < ordered.size(); i++) {
      TranscriptEvent e = ordered.get(i);
      if (e.isMessage() && i < startIndex) {
        findings.add(finding(SequenceFinding.MESSAGE_BEFORE_START, e,
            e.event() + " at " + e.ts() + " is earlier than Conversation Started at " + start.get().ts()));
      }
      if (i > endIndex) {
        findings.add(finding(SequenceFinding.EVENT_AFTER_END, e,
            describe(e) + " at " + e.ts() + " is later than Conversation Ended at " + end.get().ts()));
      }
      if (e.is("Feedback Submitted") && e.chatMessageId() != null && !messageIds.contains(e.chatMessageId())) {
        findings.add(finding(SequenceFinding.FEEDBACK_UNKNOWN_MESSAGE, e,
            "Feedback Submitted rates messageId " + e.chatMessageId() + ", which this conversation never had"));
      }
      if (e.is("Conversation Ended") && e.messageCount() != null && e.messageCount() != messages) {
        findings.add(finding(SequenceFinding.MESSAGE_COUNT_MISMATCH, e,
            "Conversation Ended says message_count " + e.messageCount() + " but " + messages
                + " messages are stored"));
      }
    }
    return findings;
  }

  private static String describe(TranscriptEvent e) {
    return e.event() != null ? e.event() : e.type();
  }

  private static SequenceFinding finding(String code, TranscriptEvent e, String message) {
    return new SequenceFinding(code, e.seq(), e.eventId(), message);
  }
}
