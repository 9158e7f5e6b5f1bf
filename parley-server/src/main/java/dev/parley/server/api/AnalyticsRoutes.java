package dev.parley.server.api;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.parley.server.analytics.AnalyticsSettings;
import dev.parley.server.analytics.BreakdownKey;
import dev.parley.server.analytics.BreakdownMetric;
import dev.parley.server.analytics.BreakdownQueries;
import dev.parley.server.analytics.ConversationFilter;
import dev.parley.server.analytics.ConversationPage;
import dev.parley.server.analytics.ConversationQueries;
import dev.parley.server.analytics.ConversationStatus;
import dev.parley.server.analytics.Dialect;
import dev.parley.server.analytics.Interval;
import dev.parley.server.analytics.PageCursor;
import dev.parley.server.analytics.StoreReadException;
import dev.parley.server.analytics.SummaryQueries;
import dev.parley.server.analytics.UsageQueries;
import dev.parley.server.analytics.AttributionKind;
import dev.parley.server.analytics.TimeWindow;
import dev.parley.server.analytics.TimeseriesMetric;
import dev.parley.server.analytics.TimeseriesQueries;
import dev.parley.server.store.ReadConnections;
import io.javalin.config.RoutesConfig;
import io.javalin.http.Context;
import io.javalin.http.Handler;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The analytics part of the read API: {@code /api/v1/summary}, {@code /conversations},
 * {@code /conversations/{conversationId}}, {@code /timeseries} and {@code /breakdown}.
 * Authentication is the app's job: it puts every {@code /api/*} path behind the admin
 * token before these handlers run. Thread-safe; handlers share no mutable state.
 */
public final class AnalyticsRoutes {
  /** The page size when a request gives none. */
  public static final int DEFAULT_LIMIT = 50;

  private static final Logger LOG = LoggerFactory.getLogger(AnalyticsRoutes.class);

  private static final String MODEL = "model";
  private static final List<String> BREAKDOWN_FORMS =
      java.util.stream.Stream.concat(BreakdownKey.FORMS.stream(), java.util.stream.Stream.of(MODEL)).toList();

  private final Clock clock;
  private final SummaryQueries summaries;
  private final ConversationQueries conversations;
  private final TimeseriesQueries series;
  private final BreakdownQueries breakdowns;
  private final UsageQueries usage;
  private final Dialect dialect;

  /** Routes over the DuckDB store behind {@code connections}. */
  public AnalyticsRoutes(ReadConnections connections, Clock clock, Duration idleTimeout) {
    this(connections, new AnalyticsSettings(clock, idleTimeout), Dialect.DUCKDB);
  }

  public AnalyticsRoutes(ReadConnections connections, AnalyticsSettings settings, Dialect dialect) {
    this.clock = settings.clock();
    this.summaries = new SummaryQueries(connections, settings, dialect);
    this.conversations = new ConversationQueries(connections, settings, dialect);
    this.series = new TimeseriesQueries(connections, settings, dialect);
    this.breakdowns = new BreakdownQueries(connections, dialect);
    this.usage = new UsageQueries(connections, settings, dialect);
    this.dialect = dialect;
  }

  /** Adds every analytics route to {@code routes} ({@code Javalin.create(cfg -> ...register(cfg.routes))}). */
  public void register(RoutesConfig routes) {
    routes.get("/api/v1/summary", answer(this::summary));
    routes.get("/api/v1/conversations", answer(this::conversations));
    routes.get("/api/v1/conversations/{conversationId}", answer(this::conversation));
    routes.get("/api/v1/timeseries", answer(this::timeseries));
    routes.get("/api/v1/breakdown", answer(this::breakdown));
    routes.get("/api/v1/attribution", answer(this::attribution));
  }

  private Object summary(Context ctx, RequestParams params) {
    return summaries.summary(params.window(clock));
  }

  private Object conversations(Context ctx, RequestParams params) {
    ConversationFilter filter = filter(params, clock);
    int limit = params.integer("limit", 1, ConversationQueries.MAX_LIMIT, DEFAULT_LIMIT);
    Optional<PageCursor> cursor = params.string("cursor").map(text -> PageCursor.decode(text)
        .orElseThrow(() -> new BadRequest("cursor", "cursor is not one this server gave out: '" + text + "'")));
    ConversationPage page = conversations.page(filter, limit, cursor);
    ObjectNode body = ApiJson.MAPPER.createObjectNode();
    body.set("items", ApiJson.MAPPER.valueToTree(page.items()));
    body.put("next", page.next().map(PageCursor::encode).orElse(null));
    return body;
  }

  /** The conversation list's filters, as every route that lists or counts conversations reads them. */
  static ConversationFilter filter(RequestParams params, Clock clock) {
    return new ConversationFilter(params.window(clock), params.string("userId"),
        params.optionalChoice("status", ConversationStatus::fromWireName, ConversationStatus.wireNames()),
        params.number("minRating"), params.bool("hasOutcome"), params.string("q"),
        params.string("topic").map(text -> {
          try {
            return Integer.valueOf(text);
          } catch (NumberFormatException e) {
            throw new BadRequest("topic", "topic must be a topic id (a whole number), not '" + text + "'");
          }
        }));
  }

  private Object conversation(Context ctx, RequestParams params) {
    String id = ctx.pathParam("conversationId");
    return conversations.transcript(id).<Object>map(TranscriptJson::of).orElseGet(() -> {
      ctx.status(404);
      return error("no conversation with conversationId '" + id + "'");
    });
  }

  private Object timeseries(Context ctx, RequestParams params) {
    TimeseriesMetric metric = params.choice("metric", TimeseriesMetric::fromWireName,
        TimeseriesMetric.wireNames(), Optional.of(TimeseriesMetric.CONVERSATIONS));
    Interval interval = params.choice("interval", Interval::fromWireName, Interval.wireNames(),
        Optional.of(Interval.DAY));
    TimeWindow window = params.window(clock);
    if (TimeseriesQueries.bucketCount(window, interval) > TimeseriesQueries.MAX_POINTS) {
      throw new BadRequest("interval", "more than " + TimeseriesQueries.MAX_POINTS
          + " points: use a shorter window or a wider interval", Interval.wireNames());
    }
    ObjectNode body = ApiJson.MAPPER.createObjectNode();
    body.put("metric", metric.wireName()).put("interval", interval.wireName())
        .put("from", window.from().toString()).put("to", window.to().toString());
    body.set("points", ApiJson.MAPPER.valueToTree(series.points(metric, interval, window)));
    return body;
  }

  private Object breakdown(Context ctx, RequestParams params) {
    if (params.string("by").filter(MODEL::equals).isPresent()) {
      TimeWindow window = params.window(clock);
      ObjectNode body = ApiJson.MAPPER.createObjectNode();
      body.put("by", MODEL).put("from", window.from().toString()).put("to", window.to().toString());
      body.set("groups", ApiJson.MAPPER.valueToTree(usage.byModel(window)));
      return body;
    }
    BreakdownKey key = params.choice("by", BreakdownKey::parse, BREAKDOWN_FORMS, Optional.empty());
    BreakdownMetric metric = params.choice("metric", BreakdownMetric::fromWireName,
        BreakdownMetric.wireNames(), Optional.of(BreakdownMetric.EVENTS));
    TimeWindow window = params.window(clock);
    ObjectNode body = ApiJson.MAPPER.createObjectNode();
    body.put("by", params.string("by").orElseThrow()).put("metric", metric.wireName())
        .put("from", window.from().toString()).put("to", window.to().toString());
    body.set("groups", ApiJson.MAPPER.valueToTree(breakdowns.breakdown(key, metric, window)));
    return body;
  }

  private Object attribution(Context ctx, RequestParams params) {
    AttributionKind kind = params.choice("by", AttributionKind::fromWireName, AttributionKind.wireNames(),
        Optional.empty());
    TimeWindow window = params.window(clock);
    ObjectNode body = ApiJson.MAPPER.createObjectNode();
    body.put("by", kind.wireName()).put("from", window.from().toString()).put("to", window.to().toString());
    body.set("items", ApiJson.MAPPER.valueToTree(usage.attribution(kind, window).items()));
    return body;
  }

  /** What a route computes from the request; the answer is written as JSON. */
  @FunctionalInterface
  interface Route {
    Object answer(Context ctx, RequestParams params);
  }

  static Handler answer(Route route) {
    return ctx -> {
      Object body;
      try {
        body = route.answer(ctx, new RequestParams(ctx));
      } catch (BadRequest e) {
        ctx.status(400);
        ObjectNode error = error(e.getMessage()).put("parameter", e.parameter());
        if (!e.allowed().isEmpty()) {
          error.set("allowed", ApiJson.MAPPER.valueToTree(e.allowed()));
        }
        body = error;
      } catch (StoreReadException e) {
        LOG.warn("read API {} failed: {}", ctx.path(), e.getMessage());
        ctx.status(503);
        body = error("the store cannot answer right now; try again");
      }
      write(ctx, body);
    };
  }

  private static void write(Context ctx, Object body) throws JsonProcessingException {
    ctx.contentType("application/json").result(ApiJson.MAPPER.writeValueAsString(body));
  }

  static ObjectNode error(String message) {
    return ApiJson.MAPPER.createObjectNode().put("error", message);
  }
}
