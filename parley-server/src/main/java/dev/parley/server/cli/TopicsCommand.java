package dev.parley.server.cli;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import dev.parley.server.analytics.AnalyticsSettings;
import dev.parley.server.analytics.ConversationFilter;
import dev.parley.server.analytics.StoreReadException;
import dev.parley.server.analytics.TimeWindow;
import dev.parley.server.analytics.TopicQueries;
import java.io.PrintWriter;
import java.net.URI;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.time.format.DateTimeParseException;
import java.util.Locale;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/**
 * {@code parley topics}: what users ask about, as a table: each topic's name, its share of the
 * conversations, conversion, rating, abandonment, reply latency and an example first message.
 * Asked of a running server ({@code --server}) or read from a data directory ({@code --data}).
 */
@Command(
    name = "topics",
    mixinStandardHelpOptions = true,
    description = {
        "Prints the topics users ask about, with each topic's share, conversion, rating, abandonment and reply latency.",
        "Reads a data directory (read-only) unless --server is given. Exit status: 0 on success,"
            + " 1 when the store or server cannot answer, 2 for bad options."
    })
final class TopicsCommand implements Callable<Integer> {
  private final Clock clock;

  @Spec CommandSpec spec;

  @Option(names = "--from", paramLabel = "WHEN", description = "Start (ISO-8601 date or date-time); default 7 days before --to.")
  String from;

  @Option(names = "--to", paramLabel = "WHEN", description = "End, exclusive (ISO-8601 date or date-time); default now.")
  String to;

  @Option(names = "--json", description = "Print the topics as JSON instead of a table.")
  boolean json;

  @Option(names = "--recompute", description = "With --server: compute the topics again first (waits for it).")
  boolean recompute;

  @Option(names = "--server", paramLabel = "URL", description = "Ask this running Parley server, e.g. http://localhost:8080.")
  URI server;

  @Option(names = "--admin-token", paramLabel = "TOKEN", defaultValue = "${env:PARLEY_ADMIN_TOKEN}",
      description = "The server's admin token (default: $PARLEY_ADMIN_TOKEN).")
  String adminToken;

  @Option(names = "--data", paramLabel = "DIR", defaultValue = "./parley-data",
      description = "Data directory to read when no --server is given (default: ${DEFAULT-VALUE}).")
  Path data;

  @Option(names = "--idle-timeout", paramLabel = "DURATION", defaultValue = "PT30M",
      description = "With --data: no event for this long makes a started conversation abandoned (ISO-8601, default 30 minutes).")
  Duration idleTimeout;

  TopicsCommand() {
    this(Clock.systemUTC());
  }

  TopicsCommand(Clock clock) {
    this.clock = clock;
  }

  @Override
  public Integer call() throws JsonProcessingException {
    PrintWriter out = spec.commandLine().getOut();
    PrintWriter err = spec.commandLine().getErr();
    TimeWindow window;
    try {
      Instant end = to == null ? clock.instant() : instant(to);
      Instant start = from == null ? end.minus(TimeWindow.DEFAULT_LENGTH) : instant(from);
      window = new TimeWindow(start, end);
    } catch (IllegalArgumentException | DateTimeParseException e) {
      err.println("parley topics: --from and --to must be ISO-8601 dates or date-times, from before to: "
          + e.getMessage());
      return ReportCommand.BAD_OPTIONS;
    }
    if (recompute && server == null) {
      err.println("parley topics: --recompute needs --server (topics are computed by the server that holds the data)");
      return ReportCommand.BAD_OPTIONS;
    }
    TopicQueries.Overview overview;
    try {
      if (server != null) {
        ServerSummaries client = new ServerSummaries(server, adminToken);
        if (recompute) {
          JsonNode done = client.post("/api/v1/topics/recompute", JsonNode.class, "a recomputation");
          err.println("parley topics: recompute " + done.path("status").asText() + " ("
              + done.path("topics").asText("?") + " topics from " + done.path("conversations").asText("?")
              + " conversations)");
        }
        overview = client.get("/api/v1/topics", window, TopicQueries.Overview.class, "topics");
      } else {
        overview = fromDataDirectory(window);
      }
    } catch (ReportUnavailable e) {
      err.println("parley topics: " + e.getMessage());
      return ReportCommand.UNAVAILABLE;
    }
    out.print(json ? ReportJson.MAPPER.writeValueAsString(overview) + "\n" : render(overview, window));
    out.flush();
    return ReportCommand.OK;
  }

  private TopicQueries.Overview fromDataDirectory(TimeWindow window) {
    try (ReadOnlyStore store = ReadOnlyStore.open(data)) {
      return new TopicQueries(store.connections(), new AnalyticsSettings(clock, idleTimeout))
          .overview(ConversationFilter.all(window));
    } catch (StoreReadException e) {
      throw new ReportUnavailable("cannot read topics in " + data + ": " + e.getMessage()
          + " (a store written before topics existed has none until parley serve opens it)");
    }
  }

  /** The table: one row per topic, then an example first message under it. */
  static String render(TopicQueries.Overview overview, TimeWindow window) {
    StringBuilder out = new StringBuilder();
    out.append("Topics, ").append(window.from()).append(" .. ").append(window.to()).append('\n');
    TopicQueries.Status status = overview.status();
    out.append(String.format(Locale.ROOT, "%,d conversations read, %,d with text, %,d in a topic; computed %s%n",
        status.conversationsRead(), status.withText(), status.withTopic(),
        status.computedAt() == null ? "never" : status.computedAt().toString()));
    if (status.notice() != null) {
      out.append("note: ").append(status.notice()).append('\n');
    }
    if (overview.items().isEmpty()) {
      return out.toString();
    }
    out.append('\n').append(String.format(Locale.ROOT, "%4s  %-36s %7s %6s %8s %6s %8s %9s%n",
        "ID", "TOPIC", "CONVS", "SHARE", "CONVERTS", "RATING", "ABANDONS", "REPLY P50"));
    for (TopicQueries.Topic t : overview.items()) {
      String label = t.label() == null ? "(being renamed)" : t.label();
      out.append(String.format(Locale.ROOT, "%4d  %-36s %,7d %5.1f%% %8s %6s %8s %9s%n", t.id(),
          label.length() > 36 ? label.substring(0, 35) + "…" : label, t.conversations(), 100 * t.share(),
          percent(t.conversionRate()), t.avgRating() == null ? "-" : String.format(Locale.ROOT, "%.2f", t.avgRating()),
          percent(t.abandonmentRate()), t.responseLatencyP50Ms() == null ? "-"
              : String.format(Locale.ROOT, "%.2f s", t.responseLatencyP50Ms() / 1000)));
      if (!t.examples().isEmpty()) {
        String text = t.examples().get(0).text().replaceAll("\\s+", " ");
        out.append("      e.g. \"").append(text.length() > 70 ? text.substring(0, 69) + "…" : text).append("\"\n");
      }
    }
    return out.toString();
  }

  private static String percent(Double rate) {
    return rate == null ? "-" : String.format(Locale.ROOT, "%.1f%%", 100 * rate);
  }

  private static Instant instant(String text) {
    try {
      return OffsetDateTime.parse(text).toInstant();
    } catch (DateTimeParseException e) {
      return LocalDate.parse(text).atStartOfDay().toInstant(ZoneOffset.UTC);
    }
  }
}
