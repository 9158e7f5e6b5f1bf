package dev.parley.server.dashboard;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.parley.server.api.AdminAuth;
import dev.parley.server.api.Sessions;
import io.javalin.config.JavalinConfig;
import io.javalin.http.Context;
import io.javalin.http.HttpStatus;
import io.javalin.http.staticfiles.Location;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.util.List;

/**
 * Serves the dashboard: each page's URL ({@code /}, {@code /conversations},
 * {@code /conversations/{id}}, {@code /topics}, {@code /models}, {@code /quality}) answers the same page, which shows the
 * right view; {@code /assets/*} and {@code /webjars/*} serve its files. Signing in:
 * {@code POST /login} with the admin token, or a link {@code /?token=once_...} carrying a
 * one-time code (what {@code parley serve} and {@code parley demo} print), which sets the
 * session cookie and redirects to the same page without it. The admin token itself never
 * signs in from a URL.
 */
public final class DashboardRoutes {
  /** The page URLs, each answered by the dashboard's one page. */
  public static final List<String> PAGES = List.of("/", "/conversations", "/conversations/{id}", "/topics", "/models",
      "/quality");

  private final AdminAuth auth;
  private final Sessions sessions;
  private final ObjectMapper json;
  private final byte[] page;

  public DashboardRoutes(AdminAuth auth, Sessions sessions, ObjectMapper json) {
    this.auth = auth;
    this.sessions = sessions;
    this.json = json;
    this.page = resource("/dashboard/index.html");
  }

  /** Adds the static files, the pages and the login routes to the server's configuration. */
  public void configure(JavalinConfig cfg) {
    cfg.staticFiles.add(files -> {
      files.hostedPath = "/assets";
      files.directory = "/dashboard";
      files.location = Location.CLASSPATH;
      files.headers = SecurityHeaders.ALL;
    });
    cfg.staticFiles.enableWebjars();
    for (String path : PAGES) {
      cfg.routes.get(path, this::page);
    }
    cfg.routes.post("/login", this::login);
    cfg.routes.post("/logout", ctx -> {
      sessions.end(ctx);
      ctx.status(HttpStatus.NO_CONTENT);
    });
  }

  private void page(Context ctx) {
    String token = ctx.queryParam("token");
    if (token != null) {
      // Only a one-time code signs in from a URL: the admin token would stay in browser
      // history, proxy logs and access logs.
      if (sessions.redeem(token)) {
        sessions.start(ctx);
      }
      ctx.redirect(ctx.path(), HttpStatus.SEE_OTHER);
      return;
    }
    SecurityHeaders.ALL.forEach(ctx::header);
    ctx.contentType("text/html; charset=utf-8").result(page);
  }

  private void login(Context ctx) {
    String token = ctx.formParam("token");
    if (token == null && ctx.body().startsWith("{")) {
      try {
        JsonNode body = json.readTree(ctx.body());
        token = body.path("token").asText(null);
      } catch (IOException e) {
        token = null;
      }
    }
    if (token == null || !auth.isAdminToken(token.trim())) {
      ctx.status(HttpStatus.UNAUTHORIZED).contentType("application/json")
          .result("{\"success\":false,\"error\":\"that is not the admin token\"}");
      return;
    }
    sessions.start(ctx);
    ctx.status(HttpStatus.NO_CONTENT);
  }

  private static byte[] resource(String path) {
    try (InputStream in = DashboardRoutes.class.getResourceAsStream(path)) {
      if (in == null) {
        throw new IllegalStateException("the dashboard is missing from the classpath: " + path);
      }
      return in.readAllBytes();
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }
}
