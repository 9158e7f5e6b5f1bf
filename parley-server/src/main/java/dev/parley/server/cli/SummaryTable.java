package dev.parley.server.cli;

import dev.parley.server.analytics.Summary;
import dev.parley.server.analytics.UsageFigures;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * Renders a {@link Summary} as a plain-text table for a terminal: counts, latency and
 * duration quantiles, tokens and cost, the ratings as a bar histogram, and the top actions
 * and outcomes.
 */
final class SummaryTable {
  static final int TOP = 5;
  private static final int BAR_WIDTH = 30;

  private SummaryTable() {}

  static String render(Summary s) {
    StringBuilder out = new StringBuilder();
    line(out, "Parley report, " + s.from() + " to " + s.to());
    line(out, "");
    row(out, "Conversations", s.conversations() + "  (started " + s.conversationsStarted() + ", ended "
        + s.conversationsEnded() + ", abandoned " + s.abandoned() + ")");
    row(out, "Messages", "sent " + s.messagesSent() + ", received " + s.messagesReceived()
        + ", per conversation " + decimal(s.avgMessagesPerConversation()));
    row(out, "Users", Long.toString(s.users()));
    row(out, "Conversion", percent(s.conversionRate()));
    row(out, "Violations", Long.toString(s.violations()));
    if (hasUsage(s)) {
      row(out, "Tokens", "input " + s.tokens().input() + ", output " + s.tokens().output());
      UsageFigures.Cost c = s.cost();
      row(out, "Cost", money(c.total(), c.currency()) + "  (per conversation p50 " + money(c.perConversation().p50(),
          c.currency()) + ", p90 " + money(c.perConversation().p90(), c.currency()) + "; with an outcome "
          + money(c.perConversationWithOutcome(), c.currency()) + (c.unpricedEvents() > 0
          ? "; " + c.unpricedEvents() + " events unpriced" : "") + ")");
    }
    line(out, "");
    line(out, String.format(Locale.ROOT, "%-20s %10s %10s %10s", "", "p50", "p90", "p99"));
    quantiles(out, "Response latency", s.responseLatencyMs());
    quantiles(out, "Duration", s.durationMs());
    line(out, "");
    Summary.Feedback f = s.feedback();
    line(out, "Ratings: " + f.count() + " (" + f.messageRatings() + " of messages, " + f.conversationRatings()
        + " of conversations), average " + decimal(f.avgRating()));
    histogram(out, f.distribution());
    line(out, "");
    line(out, "Top actions");
    List<String[]> actions = new ArrayList<>();
    s.actions().stream().limit(TOP).forEach(a -> actions.add(new String[] {a.type() + " / " + a.action(),
        Long.toString(a.count())}));
    list(out, actions);
    line(out, "Top outcomes");
    List<String[]> outcomes = new ArrayList<>();
    s.outcomes().stream().limit(TOP).forEach(o -> outcomes.add(new String[] {o.event(),
        o.count() + " in " + o.conversations() + (o.conversations() == 1 ? " conversation" : " conversations")}));
    list(out, outcomes);
    return out.toString();
  }

  /** Whether the window had tokens or a cost to show (an older server answers neither). */
  private static boolean hasUsage(Summary s) {
    return s.tokens() != null && s.cost() != null && (s.tokens().input() + s.tokens().output() > 0
        || s.cost().total() != null || s.cost().unpricedEvents() > 0);
  }

  private static void histogram(StringBuilder out, Map<String, Long> distribution) {
    if (distribution.isEmpty()) {
      line(out, "  (none)");
      return;
    }
    long max = distribution.values().stream().mapToLong(Long::longValue).max().orElse(1);
    int keyWidth = distribution.keySet().stream().mapToInt(String::length).max().orElse(1);
    distribution.entrySet().stream()
        .sorted(Comparator.comparingDouble((Map.Entry<String, Long> e) -> Double.parseDouble(e.getKey())).reversed())
        .forEach(e -> {
          int width = (int) Math.max(1, Math.round((double) BAR_WIDTH * e.getValue() / max));
          line(out, String.format(Locale.ROOT, "  %" + keyWidth + "s  %-" + BAR_WIDTH + "s %d", e.getKey(),
              "#".repeat(width), e.getValue()));
        });
  }

  private static void list(StringBuilder out, List<String[]> rows) {
    if (rows.isEmpty()) {
      line(out, "  (none)");
      return;
    }
    int width = rows.stream().mapToInt(r -> r[0].length()).max().orElse(0);
    for (String[] r : rows) {
      line(out, String.format(Locale.ROOT, "  %-" + width + "s  %s", r[0], r[1]));
    }
  }

  private static void quantiles(StringBuilder out, String label, Summary.Quantiles q) {
    line(out, String.format(Locale.ROOT, "%-20s %10s %10s %10s", label, millis(q.p50()), millis(q.p90()),
        millis(q.p99())));
  }

  private static void row(StringBuilder out, String label, String value) {
    line(out, String.format(Locale.ROOT, "%-20s %s", label, value));
  }

  private static void line(StringBuilder out, String text) {
    out.append(text.stripTrailing()).append('\n');
  }

  /** 850 ms, 1.30 s, 2m 05s, 1h 02m. */
  static String millis(Double ms) {
    if (ms == null) {
      return "-";
    }
    if (ms < 1000) {
      return String.format(Locale.ROOT, "%.0f ms", ms);
    }
    if (ms < 60_000) {
      return String.format(Locale.ROOT, "%.2f s", ms / 1000);
    }
    long seconds = Math.round(ms / 1000);
    if (seconds < 3600) {
      return String.format(Locale.ROOT, "%dm %02ds", seconds / 60, seconds % 60);
    }
    return String.format(Locale.ROOT, "%dh %02dm", seconds / 3600, (seconds % 3600) / 60);
  }

  private static String decimal(Double value) {
    return value == null ? "-" : String.format(Locale.ROOT, "%.2f", value);
  }

  /** 12.35 USD; 0.0042 USD for what is under a cent. */
  static String money(Double value, String currency) {
    if (value == null) {
      return "-";
    }
    return String.format(Locale.ROOT, value != 0 && Math.abs(value) < 0.01 ? "%.4f %s" : "%.2f %s", value, currency);
  }

  private static String percent(Double value) {
    return value == null ? "-" : String.format(Locale.ROOT, "%.1f%%", value * 100);
  }
}
