package dev.parley.server.api;

import dev.parley.server.analytics.TimeWindow;
import dev.parley.server.ingest.Timestamps;
import io.javalin.http.Context;
import java.time.Clock;
import java.time.Instant;
import java.time.LocalDate;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.time.format.DateTimeParseException;
import java.util.List;
import java.util.Optional;
import java.util.function.Function;

/** Reads and checks the query parameters of one request; every failure is a {@link BadRequest}. */
final class RequestParams {
  private final Context ctx;

  RequestParams(Context ctx) {
    this.ctx = ctx;
  }

  Optional<String> string(String name) {
    String value = ctx.queryParam(name);
    return value == null || value.isEmpty() ? Optional.empty() : Optional.of(value);
  }

  /**
   * {@code from} and {@code to} as ISO-8601 instants ({@code 2026-11-20T12:00:00Z}, any
   * offset) or dates ({@code 2026-11-20}, midnight UTC); {@code to} defaults to now and
   * {@code from} to seven days before {@code to}.
   */
  TimeWindow window(Clock clock) {
    Instant to = string("to").map(v -> instant("to", v)).orElseGet(clock::instant);
    Instant from = string("from").map(v -> instant("from", v)).orElse(to.minus(TimeWindow.DEFAULT_LENGTH));
    if (to.isBefore(from)) {
      throw new BadRequest("from", "from (" + from + ") is after to (" + to + ")");
    }
    return new TimeWindow(from, to);
  }

  /** An optional ISO-8601 instant or date, read as {@link #window} reads {@code from} and {@code to}. */
  Optional<Instant> instant(String name) {
    return string(name).map(v -> instant(name, v));
  }

  /** A value from a closed list, mapped by {@code parse}; {@code fallback} when absent. */
  <T> T choice(String name, Function<String, Optional<T>> parse, List<String> allowed, Optional<T> fallback) {
    Optional<String> value = string(name);
    if (value.isEmpty()) {
      return fallback.orElseThrow(() -> new BadRequest(name, name + " is required", allowed));
    }
    return parse.apply(value.get()).orElseThrow(
        () -> new BadRequest(name, "unknown " + name + " '" + value.get() + "'", allowed));
  }

  /** A value from a closed list, mapped by {@code parse}, or empty when absent. */
  <T> Optional<T> optionalChoice(String name, Function<String, Optional<T>> parse, List<String> allowed) {
    return string(name).map(value -> parse.apply(value).orElseThrow(
        () -> new BadRequest(name, "unknown " + name + " '" + value + "'", allowed)));
  }

  int integer(String name, int min, int max, int fallback) {
    Optional<String> value = string(name);
    if (value.isEmpty()) {
      return fallback;
    }
    try {
      int n = Integer.parseInt(value.get());
      if (n >= min && n <= max) {
        return n;
      }
    } catch (NumberFormatException e) {
      // answered below
    }
    throw new BadRequest(name, name + " must be an integer from " + min + " to " + max + ": '" + value.get() + "'");
  }

  Optional<Double> number(String name) {
    return string(name).map(v -> {
      try {
        double d = Double.parseDouble(v);
        if (Double.isFinite(d)) {
          return d;
        }
      } catch (NumberFormatException e) {
        // answered below
      }
      throw new BadRequest(name, name + " must be a number: '" + v + "'");
    });
  }

  Optional<Boolean> bool(String name) {
    return string(name).map(v -> switch (v) {
      case "true" -> Boolean.TRUE;
      case "false" -> Boolean.FALSE;
      default -> throw new BadRequest(name, name + " must be true or false: '" + v + "'", List.of("true", "false"));
    });
  }

  private static Instant instant(String name, String value) {
    Instant instant;
    try {
      instant = OffsetDateTime.parse(value).toInstant();
    } catch (DateTimeParseException notDateTime) {
      try {
        instant = LocalDate.parse(value).atStartOfDay().toInstant(ZoneOffset.UTC);
      } catch (DateTimeParseException notDate) {
        throw new BadRequest(name, name + " is not an ISO-8601 date or date-time: '" + value + "'",
            List.of("2026-11-20T12:00:00Z", "2026-11-20"));
      }
    }
    if (!Timestamps.inRange(instant)) {
      throw new BadRequest(name, name + " must lie between " + Timestamps.EARLIEST + " and " + Timestamps.LATEST
          + ": '" + value + "'", List.of("2026-11-20T12:00:00Z", "2026-11-20"));
    }
    return instant;
  }
}
