package dev.parley.server.api;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.parley.server.analytics.TimeWindow;
import dev.parley.server.analytics.ViolationQueries;
import io.javalin.config.RoutesConfig;
import io.javalin.http.Context;

/**
 * {@code GET /api/v1/violations?from=&to=&limit=}: counts of the violations received in the
 * window (default the last 7 days) by event and code, stored and refused apart, most first,
 * and the latest examples ({@code limit}, default 20). Read through {@link ViolationQueries};
 * errors answered as every analytics route's.
 */
final class ViolationRoutes implements RouteModule {
  private final ReadContext context;
  private final ViolationQueries queries;

  ViolationRoutes(ReadContext context) {
    this.context = context;
    this.queries = new ViolationQueries(context.reads(), context.dialect());
  }

  @Override
  public void addRoutes(RoutesConfig routes) {
    routes.get("/api/v1/violations", AnalyticsRoutes.answer(this::violations));
  }

  private Object violations(Context ctx, RequestParams params) {
    TimeWindow window = params.window(context.clock());
    int limit = params.integer("limit", 1, 500, 20);
    ViolationQueries.Violations found = queries.violations(window, limit);
    ObjectNode answer = ApiJson.MAPPER.createObjectNode();
    answer.put("from", window.from().toString()).put("to", window.to().toString());
    ArrayNode counts = answer.putArray("counts");
    for (ViolationQueries.Count c : found.counts()) {
      counts.addObject().put("event", c.event()).put("code", c.code()).put("count", c.count())
          .put("stored", c.stored()).put("refused", c.refused());
    }
    ArrayNode latest = answer.putArray("latest");
    for (ViolationQueries.Latest v : found.latest()) {
      latest.addObject().put("event", v.event()).put("code", v.code()).put("path", v.path())
          .put("message", v.message()).put("messageId", v.messageId()).put("source", v.source())
          .put("receivedAt", v.receivedAt().toString()).put("refused", v.refused());
    }
    return answer;
  }
}
