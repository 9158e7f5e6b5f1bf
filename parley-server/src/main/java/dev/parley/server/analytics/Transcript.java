package dev.parley.server.analytics;

import java.util.List;

/**
 * One conversation in full: its summary, every event in order (message events with their
 * attachments), and its sequence findings.
 */
public record Transcript(
    ConversationSummary conversation,
    List<TranscriptEvent> events,
    List<SequenceFinding> findings) {

  public Transcript {
    events = List.copyOf(events);
    findings = List.copyOf(findings);
  }
}
