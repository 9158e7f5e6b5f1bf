package dev.parley.server.api;

import io.javalin.config.RoutesConfig;

/** A family of read routes under {@code /api/v1}, registered by {@link ReadApi}. */
@FunctionalInterface
public interface RouteModule {
  void addRoutes(RoutesConfig routes);
}
