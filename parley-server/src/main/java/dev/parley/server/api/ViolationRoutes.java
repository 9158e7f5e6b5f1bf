package dev.parley.server.api;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.javalin.config.RoutesConfig;
import io.javalin.http.Context;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.LocalDateTime;
import java.time.ZoneOffset;

/**
 * {@code GET /api/v1/violations?limit=}: counts of violations by event and code (stored and
 * refused apart), and the latest examples ({@code limit}, default 20).
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
    int limit = Params.limit(ctx, 20, 500);
    ObjectNode answer = context.json().createObjectNode();
    try (Connection c = context.reads().open()) {
      ArrayNode counts = answer.putArray("counts");
      try (PreparedStatement st = c.prepareStatement("SELECT event, code, count(*) FILTER (WHERE NOT refused),"
          + " count(*) FILTER (WHERE refused) FROM violations GROUP BY event, code ORDER BY 3 + 4 DESC, event, code");
          ResultSet rs = st.executeQuery()) {
        while (rs.next()) {
          counts.addObject().put("event", rs.getString(1)).put("code", rs.getString(2))
              .put("count", rs.getLong(3) + rs.getLong(4)).put("stored", rs.getLong(3)).put("refused", rs.getLong(4));
        }
      }
      ArrayNode latest = answer.putArray("latest");
      try (PreparedStatement st = c.prepareStatement("SELECT event, code, path, message, message_id, source,"
          + " received_at, refused FROM violations ORDER BY received_at DESC LIMIT ?")) {
        st.setInt(1, limit);
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
