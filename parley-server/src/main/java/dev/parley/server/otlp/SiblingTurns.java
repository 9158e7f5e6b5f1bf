package dev.parley.server.otlp;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Optional;
import java.util.function.Predicate;

/**
 * The model calls and agent turns of one export request that share a parent span, in the order
 * they started: frameworks such as Spring AI make a user's turn with tools a model call that
 * asks for them, the tool runs, and a model call that answers, all children of one span. Each
 * question is answered in logarithmic time at most, however many spans share the parent.
 * Not thread-safe: made and read by the thread that maps one request.
 */
final class SiblingTurns {
  private static final Comparator<SpanView> BY_START = (a, b) -> {
    int byStart = Long.compareUnsigned(a.span().getStartTimeUnixNano(), b.span().getStartTimeUnixNano());
    return byStart != 0 ? byStart : Integer.compare(a.index(), b.index());
  };

  private final List<SpanView> turns;
  private final Predicate<SpanView> stopsForTools;
  private final Boolean[] stops;
  /** For each position, the first at or after it that did not stop to call tools; -1 for none. Made when first needed. */
  private int[] nextReply;

  /**
   * The turns (in any order) of one parent; {@code stopsForTools} tells whether a call stopped
   * to call tools, and is asked at most once a turn.
   */
  SiblingTurns(List<SpanView> turns, Predicate<SpanView> stopsForTools) {
    this.turns = new ArrayList<>(turns);
    this.turns.sort(BY_START);
    this.stopsForTools = stopsForTools;
    this.stops = new Boolean[turns.size()];
    for (int i = 0; i < this.turns.size(); i++) {
      this.turns.get(i).turnPosition(i);
    }
  }

  /** Whether the turn that started just before this one (one of these turns) stopped to call tools. */
  boolean followsToolStop(SpanView turn) {
    int at = turn.turnPosition();
    return at > 0 && stops(at - 1);
  }

  /** The first turn starting no earlier than {@code startNanos} that did not stop to call tools. */
  Optional<SpanView> replyFrom(long startNanos) {
    if (nextReply == null) {
      nextReply = new int[turns.size() + 1];
      nextReply[turns.size()] = -1;
      for (int i = turns.size() - 1; i >= 0; i--) {
        nextReply[i] = stops(i) ? nextReply[i + 1] : i;
      }
    }
    int low = 0;
    int high = turns.size();
    while (low < high) {
      int mid = (low + high) >>> 1;
      if (Long.compareUnsigned(turns.get(mid).span().getStartTimeUnixNano(), startNanos) < 0) {
        low = mid + 1;
      } else {
        high = mid;
      }
    }
    int found = nextReply[low];
    return found < 0 ? Optional.empty() : Optional.of(turns.get(found));
  }

  private boolean stops(int position) {
    if (stops[position] == null) {
      stops[position] = stopsForTools.test(turns.get(position));
    }
    return stops[position];
  }
}
