package dev.parley.server.api;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.parley.server.analytics.StoreReadException;
import dev.parley.server.store.EventQuery;
import dev.parley.server.store.EventReader;
import dev.parley.server.store.StoredEvent;
import io.javalin.config.RoutesConfig;
import io.javalin.http.Context;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.sql.SQLException;
import java.util.List;

/**
 * {@code GET /api/v1/events?conversationId=&userId=&event=&from=&to=&limit=}: normalised
 * events in time order, each with a {@code violations} array. {@code limit} defaults to 100,
 * at most 1000.
 */
final class EventRoutes implements RouteModule {
  private final ReadContext context;
  private final EventReader reader;

  EventRoutes(ReadContext context) {
    this.context = context;
    this.reader = new EventReader(context.reads());
  }

  @Override
  public void addRoutes(RoutesConfig routes) {
    routes.get("/api/v1/events", AnalyticsRoutes.answer(this::events));
  }

  private Object events(Context ctx, RequestParams params) {
    EventQuery query = new EventQuery(params.string("conversationId"), params.string("userId"),
        params.string("event"), params.instant("from"), params.instant("to"), params.integer("limit", 1, 1000, 100));
    List<StoredEvent> found;
    try {
      found = reader.find(query);
    } catch (SQLException e) {
      throw new StoreReadException("cannot read the events", e);
    }
    ObjectNode answer = context.json().createObjectNode();
    ArrayNode items = answer.putArray("items");
    for (StoredEvent event : found) {
      items.add(toJson(event));
    }
    return answer;
  }

  private JsonNode toJson(StoredEvent event) {
    ObjectNode item;
    try {
      item = (ObjectNode) context.json().readTree(event.body());
    } catch (IOException e) {
      throw new UncheckedIOException("a stored body is not JSON: " + event.body(), e); // the log stores only parsed JSON
    }
    ArrayNode violations = item.putArray("violations");
    for (StoredEvent.StoredViolation v : event.violations()) {
      violations.addObject().put("code", v.code()).put("path", v.path()).put("message", v.message());
    }
    return item;
  }
}
