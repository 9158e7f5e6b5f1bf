package dev.parley.server.store;

import dev.parley.server.ingest.NormalisedEvent;
import dev.parley.server.ingest.Usage;
import dev.parley.spec.Violation;
import java.sql.SQLException;
import java.time.Instant;
import org.duckdb.DuckDBAppender;

/** Appends rows of the {@code events} and {@code violations} tables, column by column, in table order. */
final class Rows {
  private Rows() {}

  static void appendEvent(DuckDBAppender a, long seq, NormalisedEvent e) throws SQLException {
    a.beginRow()
        .append(seq)
        .append(e.source())
        .append(e.messageId())
        .append(e.type())
        .append(e.event())
        .append(e.userId())
        .append(e.anonymousId())
        .append(e.previousId())
        .append(e.conversationId())
        .append(e.chatMessageId())
        .append(e.role())
        .append(e.messageBody())
        .append(e.itemType())
        .append(e.action())
        .append(e.subType())
        .append(e.rating())
        .append(e.messageCount());
    time(a, e.timestamp());
    time(a, e.originalTimestamp());
    time(a, e.sentAt());
    time(a, e.receivedAt());
    a.append(e.violations().size()).append(e.body());
    Usage usage = e.usage();
    if (usage == null) {
      a.appendNull().appendNull().appendNull().appendNull();
    } else {
      a.append(usage.model()).append(usage.inputTokens()).append(usage.outputTokens()).append(usage.cost());
    }
    a.endRow();
  }

  static void appendViolation(DuckDBAppender a, Long eventSeq, String source, String messageId, Violation v,
      Instant receivedAt, boolean refused, String userId, String anonymousId) throws SQLException {
    a.beginRow().append(eventSeq).append(source).append(messageId).append(v.event()).append(v.path())
        .append(v.code().wireName()).append(v.message());
    time(a, receivedAt);
    a.append(refused).append(userId).append(anonymousId).endRow();
  }

  private static void time(DuckDBAppender a, Instant t) throws SQLException {
    if (t == null) {
      a.appendNull();
    } else {
      a.appendEpochMicros(Math.addExact(Math.multiplyExact(t.getEpochSecond(), 1_000_000L), t.getNano() / 1_000));
    }
  }
}
