package dev.parley.server.api;

import dev.parley.server.load.Loader;
import dev.parley.server.metrics.Metrics;
import io.javalin.config.RoutesConfig;

/**
 * Operational routes, open without a token: {@code GET /healthz} (the process answers),
 * {@code GET /readyz} (the loader loads and is less than its threshold behind the ingest log;
 * 503 otherwise; both with the lag) and {@code GET /metrics} (Prometheus text).
 */
public final class OpsRoutes implements RouteModule {
  private final Loader loader;
  private final Metrics metrics;

  public OpsRoutes(Loader loader, Metrics metrics) {
    this.loader = loader;
    this.metrics = metrics;
  }

  @Override
  public void addRoutes(RoutesConfig routes) {
    routes.get("/healthz", ctx -> ctx.contentType("application/json").result("{\"status\":\"ok\"}"));
    routes.get("/readyz", ctx -> {
      boolean ok = loader.ready();
      ctx.status(ok ? 200 : 503).contentType("application/json")
          .result("{\"status\":\"" + (ok ? "ready" : "not ready") + "\",\"loaderLagBytes\":" + loader.lagBytes()
              + ",\"loaderLagSeconds\":" + loader.lag().toSeconds() + "}");
    });
    routes.get("/metrics", ctx -> ctx.contentType(Metrics.CONTENT_TYPE).result(metrics.render()));
  }
}
