package dev.parley.server.api;

import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.parley.server.analytics.AnalyticsSettings;
import dev.parley.server.analytics.ConversationFilter;
import dev.parley.server.analytics.ConversationPage;
import dev.parley.server.analytics.ConversationQueries;
import dev.parley.server.analytics.PageCursor;
import dev.parley.server.analytics.TopicQueries;
import dev.parley.server.topics.TopicWorker;
import io.javalin.config.RoutesConfig;
import io.javalin.http.Context;
import java.time.Clock;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

/**
 * {@code GET /api/v1/topics} (each topic with its figures, over the conversation list's
 * filters), {@code GET /api/v1/topics/{id}} (one topic and a page of its conversations) and
 * {@code POST /api/v1/topics/recompute} (answers when the topics are computed, or 202 when that
 * takes longer than {@link #RECOMPUTE_WAIT_SECONDS}; 409 on a server of a cluster whose topics
 * another server finds). Behind the admin check of {@code /api/*}.
 */
public final class TopicRoutes implements RouteModule {
  static final long RECOMPUTE_WAIT_SECONDS = 120;

  private final ReadContext context;
  private final Optional<TopicWorker> worker;
  private final TopicQueries topics;
  private final ConversationQueries conversations;

  public TopicRoutes(ReadContext context, Optional<TopicWorker> worker) {
    this.context = context;
    this.worker = worker;
    AnalyticsSettings settings = new AnalyticsSettings(context.clock(), context.idleTimeout(), context.prices());
    this.topics = new TopicQueries(context.reads(), settings, context.dialect());
    this.conversations = new ConversationQueries(context.reads(), settings, context.dialect());
  }

  @Override
  public void addRoutes(RoutesConfig routes) {
    routes.get("/api/v1/topics", AnalyticsRoutes.answer(this::list));
    routes.get("/api/v1/topics/{id}", AnalyticsRoutes.answer(this::one));
    routes.post("/api/v1/topics/recompute", AnalyticsRoutes.answer(this::recompute));
  }

  private Object list(Context ctx, RequestParams params) {
    Clock clock = context.clock();
    ConversationFilter filter = AnalyticsRoutes.filter(params, clock);
    TopicQueries.Overview overview = topics.overview(filter);
    ObjectNode body = ApiJson.MAPPER.createObjectNode();
    body.put("from", filter.window().from().toString()).put("to", filter.window().to().toString());
    body.set("items", ApiJson.MAPPER.valueToTree(overview.items()));
    body.set("status", ApiJson.MAPPER.valueToTree(overview.status()));
    body.put("enabled", worker.isPresent());
    return body;
  }

  private Object one(Context ctx, RequestParams params) {
    String text = ctx.pathParam("id");
    int id;
    try {
      id = Integer.parseInt(text);
    } catch (NumberFormatException e) {
      throw new BadRequest("id", "a topic id is a whole number, not '" + text + "'");
    }
    ConversationFilter filter = AnalyticsRoutes.filter(params, context.clock()).withTopic(id);
    Optional<TopicQueries.Topic> topic = topics.topic(id, filter);
    if (topic.isEmpty()) {
      ctx.status(404);
      return AnalyticsRoutes.error("no topic with id " + id);
    }
    int limit = params.integer("limit", 1, ConversationQueries.MAX_LIMIT, AnalyticsRoutes.DEFAULT_LIMIT);
    Optional<PageCursor> cursor = params.string("cursor").map(c -> PageCursor.decode(c)
        .orElseThrow(() -> new BadRequest("cursor", "cursor is not one this server gave out: '" + c + "'")));
    ConversationPage page = conversations.page(filter, limit, cursor);
    ObjectNode body = ApiJson.MAPPER.valueToTree(topic.get());
    body.put("from", filter.window().from().toString()).put("to", filter.window().to().toString());
    body.set("conversations", ApiJson.MAPPER.valueToTree(page.items()));
    body.put("next", page.next().map(PageCursor::encode).orElse(null));
    return body;
  }

  private Object recompute(Context ctx, RequestParams params) {
    if (worker.isEmpty()) {
      ctx.status(409);
      return AnalyticsRoutes.error("topics are off on this server (--topics off)");
    }
    CompletableFuture<TopicWorker.Recomputed> done = worker.get().recompute();
    try {
      TopicWorker.Recomputed result = done.get(RECOMPUTE_WAIT_SECONDS, TimeUnit.SECONDS);
      ObjectNode body = ApiJson.MAPPER.createObjectNode();
      body.put("status", result.computed() ? "done" : "not-enough-conversations")
          .put("topics", result.topics()).put("conversations", result.conversations())
          .put("tookMs", result.took().toMillis());
      if (result.reason() != null) {
        body.put("reason", result.reason());
      }
      return body;
    } catch (TimeoutException e) {
      ctx.status(202);
      return ApiJson.MAPPER.createObjectNode().put("status", "running")
          .put("poll", "/api/v1/topics (status.computedAt changes when it is done)");
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      ctx.status(503);
      return AnalyticsRoutes.error("the server is stopping");
    } catch (ExecutionException e) {
      if (e.getCause() instanceof TopicWorker.NotLeader) {
        ctx.status(409);
        return AnalyticsRoutes.error(e.getCause().getMessage());
      }
      ctx.status(503);
      return AnalyticsRoutes.error("topics could not be computed: " + e.getCause().getMessage() + "; try again");
    }
  }
}
