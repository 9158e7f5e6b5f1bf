package dev.parley.server.cli;

import com.fasterxml.jackson.core.JsonProcessingException;
import dev.parley.server.analytics.AnalyticsSettings;
import dev.parley.server.config.PriceBook;
import dev.parley.server.analytics.Dialect;
import dev.parley.server.analytics.StoreReadException;
import dev.parley.server.analytics.Summary;
import dev.parley.server.analytics.SummaryQueries;
import dev.parley.server.analytics.TimeWindow;
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
import java.util.Optional;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/**
 * {@code parley report}: the summary of a window as a table in the terminal, asked of a
 * running server ({@code --server}) or read straight from a data directory ({@code --data})
 * that no server holds.
 */
@Command(
    name = "report",
    mixinStandardHelpOptions = true,
    description = {
        "Prints the summary of a time window: conversations, messages, latency, ratings, actions, outcomes.",
        "Reads a data directory (read-only) unless --server is given. Exit status: 0 on success,"
            + " 1 when the store or server cannot answer, 2 for bad options."
    })
final class ReportCommand implements Callable<Integer> {
  static final int OK = 0;
  static final int UNAVAILABLE = 1;
  static final int BAD_OPTIONS = 2;

  private final Clock clock;

  @Spec CommandSpec spec;

  @Option(names = "--from", paramLabel = "WHEN", description = "Start (ISO-8601 date or date-time); default 7 days before --to.")
  String from;

  @Option(names = "--to", paramLabel = "WHEN", description = "End, exclusive (ISO-8601 date or date-time); default now.")
  String to;

  @Option(names = "--json", description = "Print the summary as JSON instead of a table.")
  boolean json;

  @Option(names = "--server", paramLabel = "URL", description = "Ask this running Parley server, e.g. http://localhost:8080.")
  URI server;

  @Option(names = "--admin-token", paramLabel = "TOKEN", defaultValue = "${env:PARLEY_ADMIN_TOKEN}",
      description = "The server's admin token (default: $PARLEY_ADMIN_TOKEN).")
  String adminToken;

  @Option(names = "--data", paramLabel = "DIR", defaultValue = "./parley-data",
      description = "Data directory to read when no --server is given (default: ${DEFAULT-VALUE}).")
  Path data;

  @Option(names = "--config", paramLabel = "FILE", defaultValue = "parley.yml",
      description = "With --data: the parley.yml whose prices turn tokens into cost (default: ${DEFAULT-VALUE}, if it exists).")
  Path config;

  @Option(names = "--idle-timeout", paramLabel = "DURATION", defaultValue = "PT30M",
      description = "With --data: no event for this long makes a started conversation abandoned (ISO-8601, default 30 minutes).")
  Duration idleTimeout;

  ReportCommand() {
    this(Clock.systemUTC());
  }

  ReportCommand(Clock clock) {
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
      err.println("parley report: --from and --to must be ISO-8601 dates or date-times, from before to: "
          + e.getMessage());
      return BAD_OPTIONS;
    }
    if (idleTimeout.isNegative() || idleTimeout.isZero()) {
      err.println("parley report: --idle-timeout must be positive");
      return BAD_OPTIONS;
    }
    Summary summary;
    try {
      summary = server != null
          ? new ServerSummaries(server, adminToken).summary(window)
          : fromDataDirectory(window);
    } catch (ReportUnavailable e) {
      err.println("parley report: " + e.getMessage());
      return UNAVAILABLE;
    }
    out.print(json ? ReportJson.MAPPER.writeValueAsString(summary) + "\n" : SummaryTable.render(summary));
    out.flush();
    return OK;
  }

  private Summary fromDataDirectory(TimeWindow window) {
    try (ReadOnlyStore store = ReadOnlyStore.open(data)) {
      PriceBook prices = PriceBook.open(Optional.of(config), clock);
      return new SummaryQueries(store.connections(), new AnalyticsSettings(clock, idleTimeout, prices), Dialect.DUCKDB)
          .summary(window);
    } catch (StoreReadException e) {
      throw new ReportUnavailable("cannot read the store in " + data + ": " + e.getMessage());
    }
  }

  private static Instant instant(String text) {
    try {
      return OffsetDateTime.parse(text).toInstant();
    } catch (DateTimeParseException e) {
      return LocalDate.parse(text).atStartOfDay().toInstant(ZoneOffset.UTC);
    }
  }
}
