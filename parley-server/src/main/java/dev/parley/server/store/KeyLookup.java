package dev.parley.server.store;

import static dev.parley.server.store.StoredKeyFilter.storedForm;

import dev.parley.server.ingest.NormalisedEvent;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.HashSet;
import java.util.Map;
import java.util.Set;
import org.duckdb.DuckDBAppender;
import org.duckdb.DuckDBConnection;

/**
 * Which (source, messageId) keys of a commit the store already holds, as events or as refused
 * messages: the keys go into the write connection's temporary table {@code incoming_keys}
 * through the Appender, and one join against the stored rows answers for all of them. Used by
 * the writer thread, inside its transaction.
 */
final class KeyLookup {
  /** Keys stored as events. */
  static final String STORED = "SELECT k.source, k.message_id FROM incoming_keys k"
      + " JOIN events e ON e.source = k.source AND e.message_id = k.message_id";
  /** Keys whose message was refused in block mode before. */
  static final String REFUSED = "SELECT DISTINCT k.source, k.message_id FROM incoming_keys k"
      + " JOIN violations v ON v.source = k.source AND v.message_id = k.message_id AND v.refused";
  /** Made on the write connection at open and after each compaction. */
  static final String TEMP_TABLE = "CREATE TEMP TABLE IF NOT EXISTS incoming_keys (source VARCHAR, message_id VARCHAR)";

  private KeyLookup() {}

  /** The dedupe key of a message, in the form its ids take once stored. */
  static String key(String source, String messageId) {
    return storedForm(source) + '\u0000' + storedForm(messageId);
  }

  /** The keys of this group that the filter cannot rule out: only these are looked up. */
  static Set<String> maybeStored(StoredKeyFilter filter, Map<String, NormalisedEvent> unique) {
    Set<String> candidates = new HashSet<>();
    for (Map.Entry<String, NormalisedEvent> entry : unique.entrySet()) {
      NormalisedEvent event = entry.getValue();
      if (filter.mightContain(storedForm(event.source()), storedForm(event.messageId()))) {
        candidates.add(entry.getKey());
      }
    }
    return candidates;
  }

  /** Which of {@code candidates} (made by {@link #key}) {@code query} finds. */
  static Set<String> existing(DuckDBConnection writer, Set<String> candidates, String query) throws SQLException {
    Set<String> found = new HashSet<>();
    if (candidates.isEmpty()) {
      return found;
    }
    try (DuckDBAppender keys = writer.createAppender("temp", "main", "incoming_keys")) {
      for (String candidate : candidates) {
        int split = candidate.indexOf('\u0000');
        keys.beginRow().append(candidate.substring(0, split)).append(candidate.substring(split + 1)).endRow();
      }
      keys.flush();
    }
    try (Statement st = writer.createStatement()) {
      try (ResultSet rs = st.executeQuery(query)) {
        while (rs.next()) {
          found.add(key(rs.getString(1), rs.getString(2)));
        }
      }
      st.execute("DELETE FROM incoming_keys");
    }
    return found;
  }
}
