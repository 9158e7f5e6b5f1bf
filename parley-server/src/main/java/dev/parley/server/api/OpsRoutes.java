package dev.parley.server.api;

import dev.parley.server.metrics.Metrics;
import io.javalin.config.RoutesConfig;
import java.util.function.BooleanSupplier;

/**
 * Operational routes, open without a token: {@code GET /healthz} (the process answers),
 * {@code GET /readyz} (the store takes writes; 503 otherwise) and {@code GET /metrics}
 * (Prometheus text).
 */
public final class OpsRoutes implements RouteModule {
  private final BooleanSupplier ready;
  private final Metrics metrics;

  public OpsRoutes(BooleanSupplier ready, Metrics metrics) {
    this.ready = ready;
    this.metrics = metrics;
  }

  @Override
  public void addRoutes(RoutesConfig routes) {
    routes.get("/healthz", ctx -> ctx.contentType("application/json").result("{\"status\":\"ok\"}"));
    routes.get("/readyz", ctx -> {
      boolean ok = ready.getAsBoolean();
      ctx.status(ok ? 200 : 503).contentType("application/json")
          .result(ok ? "{\"status\":\"ready\"}" : "{\"status\":\"not ready\"}");
    });
    routes.get("/metrics", ctx -> ctx.contentType(Metrics.CONTENT_TYPE).result(metrics.render()));
  }
}
