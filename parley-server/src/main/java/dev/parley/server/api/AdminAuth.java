package dev.parley.server.api;

import dev.parley.server.config.Secrets;
import io.javalin.http.Context;
import io.javalin.http.Handler;

/**
 * The check in front of every {@code /api/*} route: {@code Authorization: Bearer <admin token>},
 * or a dashboard session cookie from {@link Sessions}. Anything else is answered 401 and no
 * route runs.
 */
public final class AdminAuth implements Handler {
  private final String token;
  private final Sessions sessions;

  public AdminAuth(String token, Sessions sessions) {
    this.token = token;
    this.sessions = sessions;
  }

  /** Whether a presented token is the admin token, compared in constant time. */
  public boolean isAdminToken(String presented) {
    return Secrets.same(token, presented);
  }

  @Override
  public void handle(Context ctx) {
    String header = ctx.header("Authorization");
    String presented = header != null && header.regionMatches(true, 0, "Bearer ", 0, 7)
        ? header.substring(7).trim() : null;
    if (!Secrets.same(token, presented) && !sessions.valid(ctx)) {
      ctx.header("WWW-Authenticate", "Bearer");
      ctx.status(401).contentType("application/json")
          .result("{\"success\":false,\"error\":\"send the admin token as Authorization: Bearer <token>\"}");
      ctx.skipRemainingHandlers();
    }
  }
}
