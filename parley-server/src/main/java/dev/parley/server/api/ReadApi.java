package dev.parley.server.api;

import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.parley.server.analytics.AnalyticsSettings;
import io.javalin.config.RoutesConfig;
import java.util.List;

/**
 * The read API in one place: the admin-token check on every {@code /api/*} path, then each
 * family of read routes. A new family (analytics, conversations, ...) is one more entry in
 * {@link #modules(ReadContext)}.
 */
public final class ReadApi {
  private ReadApi() {}

  /** Every read-route family, in registration order. */
  public static List<RouteModule> modules(ReadContext context) {
    return List.of(
        new EventRoutes(context),
        new ViolationRoutes(context),
        new AnalyticsRoutes(context.reads(), new AnalyticsSettings(context.clock(), context.idleTimeout(),
            context.prices()), context.dialect())::register);
  }

  /** Registers the admin check ({@code /api/*}: token or dashboard session) and every module's routes. */
  public static void addRoutes(RoutesConfig routes, ReadContext context, AdminAuth auth) {
    routes.before("/api/*", auth);
    routes.exception(BadRequest.class, (e, ctx) -> {
      ObjectNode error = ApiJson.MAPPER.createObjectNode().put("error", e.getMessage()).put("parameter", e.parameter());
      if (!e.allowed().isEmpty()) {
        error.set("allowed", ApiJson.MAPPER.valueToTree(e.allowed()));
      }
      ctx.status(400).contentType("application/json").result(error.toString());
    });
    for (RouteModule module : modules(context)) {
      module.addRoutes(routes);
    }
  }
}
