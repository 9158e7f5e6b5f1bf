package dev.parley.server.api;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.parley.server.analytics.TimeWindow;
import io.javalin.config.RoutesConfig;
import io.javalin.http.Context;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.LocalDateTime;
import java.time.ZoneOffset;

/**
 * {@code GET /api/v1/violations?from=&to=&limit=}: counts of the violations received in the
 * window (default the last 7 days) by event and code, stored and refused apart, most first,
 * and the latest examples ({@code limit}, default 20).
 */
final class ViolationRoutes implements RouteModule {
  private final ReadContext context;

  ViolationRoutes(ReadContext context) {
    this.context = context;
  }

  @Override
  public void addRoutes(RoutesConfig routes) {
    routes.get("/api/v1/violations", this::violations);
  }

  private void violations(Context ctx) throws SQLException, JsonProcessingException {
    RequestParams params = new RequestParams(ctx);
    TimeWindow window = params.window(context.clock());
    int limit = params.integer("limit", 1, 500, 20);
    LocalDateTime from = LocalDateTime.ofInstant(window.from(), ZoneOffset.UTC);
    LocalDateTime to = LocalDateTime.ofInstant(window.to(), ZoneOffset.UTC);
    ObjectNode answer = context.json().createObjectNode();
    answer.put("from", window.from().toString()).put("to", window.to().toString());
    try (Connection c = context.reads().open()) {
      ArrayNode counts = answer.putArray("counts");
      try (PreparedStatement st = c.prepareStatement("SELECT event, code, count(*) FILTER (WHERE NOT refused),"
          + " count(*) FILTER (WHERE refused) FROM violations WHERE received_at >= ? AND received_at < ?"
          + " GROUP BY event, code ORDER BY count(*) DESC, event, code")) {
        st.setObject(1, from);
        st.setObject(2, to);
        try (ResultSet rs = st.executeQuery()) {
          while (rs.next()) {
            counts.addObject().put("event", rs.getString(1)).put("code", rs.getString(2))
                .put("count", rs.getLong(3) + rs.getLong(4)).put("stored", rs.getLong(3)).put("refused", rs.getLong(4));
          }
        }
      }
      ArrayNode latest = answer.putArray("latest");
      try (PreparedStatement st = c.prepareStatement("SELECT event, code, path, message, message_id, source,"
          + " received_at, refused FROM violations WHERE received_at >= ? AND received_at < ?"
          + " ORDER BY received_at DESC LIMIT ?")) {
        st.setObject(1, from);
        st.setObject(2, to);
        st.setInt(3, limit);
        try (ResultSet rs = st.executeQuery()) {
          while (rs.next()) {
            latest.addObject().put("event", rs.getString(1)).put("code", rs.getString(2)).put("path", rs.getString(3))
                .put("message", rs.getString(4)).put("messageId", rs.getString(5)).put("source", rs.getString(6))
                .put("receivedAt", rs.getObject(7, LocalDateTime.class).toInstant(ZoneOffset.UTC).toString())
                .put("refused", rs.getBoolean(8));
          }
        }
      }
    }
    ctx.contentType("application/json").result(context.json().writeValueAsString(answer));
  }
}
