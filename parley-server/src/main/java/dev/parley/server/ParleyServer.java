package dev.parley.server;

import dev.parley.server.api.AdminAuth;
import dev.parley.server.api.OpsRoutes;
import dev.parley.server.api.PrivacyRoutes;
import dev.parley.server.api.ReadApi;
import dev.parley.server.api.TopicRoutes;
import dev.parley.server.api.ReadContext;
import dev.parley.server.api.Sessions;
import dev.parley.server.config.PriceBook;
import dev.parley.server.config.Role;
import dev.parley.server.config.ServerConfig;
import dev.parley.server.dashboard.DashboardRoutes;
import dev.parley.server.ingest.BodyIntake;
import dev.parley.server.ingest.IngestRoutes;
import dev.parley.server.otlp.OtlpRoutes;
import dev.parley.server.tls.TlsConnector;
import io.javalin.Javalin;
import io.javalin.http.NotFoundResponse;
import java.time.Clock;
import java.util.List;
import java.util.Set;
import java.util.concurrent.CopyOnWriteArrayList;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The HTTP server: Segment's ingest API, OTLP/HTTP traces, the read API behind the admin token, and the
 * operational routes, over a {@link Collector}. Closing it stops HTTP, then closes the
 * collector.
 */
public final class ParleyServer implements AutoCloseable {
  private static final Logger log = LoggerFactory.getLogger(ParleyServer.class);

  private final Collector collector;
  private final Javalin app;
  private final Sessions sessions;
  private final List<String> routes;

  private ParleyServer(Collector collector, Javalin app, Sessions sessions, List<String> routes) {
    this.routes = routes;
    this.collector = collector;
    this.app = app;
    this.sessions = sessions;
  }

  /** Opens the collector of {@code config} and starts listening. */
  public static ParleyServer start(ServerConfig config) {
    return start(config, Collector.Opener.REAL);
  }

  /** Starts over a collector whose disk and time come from {@code opener} (tests). */
  static ParleyServer start(ServerConfig config, Collector.Opener opener) {
    PriceBook prices = PriceBook.open(config.configFile(), Clock.systemUTC());
    Collector collector = Collector.open(config, opener);
    try {
      ReadContext readContext = new ReadContext(collector.reads(), collector.json(), Clock.systemUTC(),
          config.idleTimeout(), prices, collector.readDialect());
      BodyIntake intake = new BodyIntake(opener.bodyLimits());
      IngestRoutes ingest = new IngestRoutes(collector.ingestor(), collector.metrics(), intake);
      OtlpRoutes otlp = new OtlpRoutes(collector.ingestor(), collector.metrics(), intake, collector.json());
      OpsRoutes ops = new OpsRoutes(collector.loader(), collector.metrics());
      Sessions sessions = new Sessions(Clock.systemUTC());
      AdminAuth auth = new AdminAuth(collector.adminToken(), sessions);
      DashboardRoutes dashboard = new DashboardRoutes(auth, sessions, collector.json());
      List<String> routes = new CopyOnWriteArrayList<>();
      Javalin app = Javalin.create(cfg -> {
        cfg.events.handlerAdded(route -> routes.add(route.getHttpMethod().name() + " " + route.getPath()));
        cfg.startup.showJavalinBanner = false;
        cfg.startup.showOldJavalinVersionWarning = false;
        // Javalin answers 499 when the connection fails under a request. A client that really went
        // away reads nothing; one that is still there (the server is stopping) must be told to retry,
        // and Segment's clients retry 503 but give up on 499.
        cfg.jetty.clientAbortStatus = 503;
        config.tls().ifPresent(files -> TlsConnector.install(cfg.jetty, files, config.host(), config.port()));
        if (config.roles().contains(Role.COLLECT)) {
          ingest.addRoutes(cfg.routes);
          otlp.addRoutes(cfg.routes);
        }
        ops.addRoutes(cfg.routes);
        if (config.roles().contains(Role.READ)) {
          ReadApi.addRoutes(cfg.routes, readContext, auth);
          new PrivacyRoutes(readContext, collector::erase).addRoutes(cfg.routes);
          new TopicRoutes(readContext, collector.topics()).addRoutes(cfg.routes);
          dashboard.configure(cfg);
        }
        cfg.routes.before(ctx -> CommonHeaders.apply(ctx, config.tls().isPresent()));
        cfg.routes.exception(NotFoundResponse.class, (e, ctx) -> ctx.status(404).contentType("application/json")
            .result(collector.json().createObjectNode().put("success", false)
                .put("error", notFound(ctx.method().name(), ctx.path(), config.roles())).toString()));
        cfg.routes.exception(Exception.class, (e, ctx) -> {
          log.error("request to {} failed", ctx.path(), e);
          ctx.status(500).contentType("application/json").result("{\"success\":false,\"error\":\"internal error\"}");
        });
      }).start(config.host(), config.port());
      ParleyServer server = new ParleyServer(collector, app, sessions, List.copyOf(routes));
      log.info("listening on {}:{}, data in {}", config.host(), server.port(), config.dataDir().toAbsolutePath().normalize());
      return server;
    } catch (RuntimeException e) {
      collector.close();
      throw e;
    }
  }

  /** Why {@code method path} has no route: none such, or one of a role this process leaves out. */
  static String notFound(String method, String path, Set<Role> roles) {
    Role role = path.startsWith("/v1/") || path.equals("/v1") ? Role.COLLECT
        : path.startsWith("/api/") || path.equals("/") ? Role.READ : null;
    if (role != null && !roles.contains(role)) {
      return method + " " + path + " is not served here: this process runs --roles " + Role.format(roles)
          + " (" + role.label() + " serves it)";
    }
    return "no such route: " + method + " " + path;
  }

  /** The port the server listens on (useful with port 0). */
  public int port() {
    return app.port();
  }

  /** A fresh one-time sign-in link's path and query, such as {@code /?token=once_...}. */
  public String oneTimeSignInPath() {
    return "/?token=" + sessions.oneTimeCode();
  }

  /** Every HTTP route, as {@code "METHOD path"} (e.g. {@code "GET /api/v1/events"}), as Javalin added them. */
  public List<String> routes() {
    return routes;
  }

  public Collector collector() {
    return collector;
  }

  /**
   * Stops HTTP (requests in flight get their answers first), then closes the collector: the
   * log keeps what it acknowledged, the loader loads it, the store closes.
   */
  @Override
  public void close() {
    try {
      app.stop();
    } finally {
      collector.close();
      log.info("stopped");
    }
  }
}
