package dev.parley.server.api;

import io.javalin.http.BadRequestResponse;
import io.javalin.http.Context;
import java.time.Instant;
import java.util.Optional;

/** Reads query parameters, answering 400 for values that cannot be read. */
final class Params {
  private Params() {}

  static Optional<String> text(Context ctx, String name) {
    String value = ctx.queryParam(name);
    return value == null || value.isBlank() ? Optional.empty() : Optional.of(value);
  }

  static int limit(Context ctx, int fallback, int max) {
    Optional<String> text = text(ctx, "limit");
    if (text.isEmpty()) {
      return fallback;
    }
    try {
      int limit = Integer.parseInt(text.get().trim());
      if (limit < 1) {
        throw new BadRequestResponse("limit must be at least 1");
      }
      return Math.min(limit, max);
    } catch (NumberFormatException e) {
      throw new BadRequestResponse("limit must be a whole number");
    }
  }

  static Optional<Instant> time(Context ctx, String name) {
    Optional<String> text = text(ctx, name);
    if (text.isEmpty()) {
      return Optional.empty();
    }
    try {
      return Optional.of(Instant.parse(text.get().trim()));
    } catch (java.time.format.DateTimeParseException e) {
      throw new BadRequestResponse(name + " must be an ISO-8601 time such as 2026-11-24T00:00:00Z");
    }
  }
}
