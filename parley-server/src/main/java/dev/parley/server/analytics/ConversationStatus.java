package dev.parley.server.analytics;

import java.util.Arrays;
import java.util.List;
import java.util.Optional;

/**
 * Where a conversation stands at query time: ended (it has a Conversation Ended),
 * abandoned (started, not ended, and no event for the idle timeout) or open (anything
 * else, including a conversation whose Conversation Started never arrived).
 */
public enum ConversationStatus {
  OPEN, ENDED, ABANDONED;

  /** The lower-case name used in the API and in SQL. */
  public String wireName() {
    return name().toLowerCase(java.util.Locale.ROOT);
  }

  public static Optional<ConversationStatus> fromWireName(String name) {
    return Arrays.stream(values()).filter(s -> s.wireName().equals(name)).findFirst();
  }

  public static List<String> wireNames() {
    return Arrays.stream(values()).map(ConversationStatus::wireName).toList();
  }
}
