package dev.parley.server.analytics;

import java.util.List;
import java.util.Optional;

/** One page of conversations, newest first, and the cursor of the next page if any. */
public record ConversationPage(List<ConversationSummary> items, Optional<PageCursor> next) {
  public ConversationPage {
    items = List.copyOf(items);
  }
}
