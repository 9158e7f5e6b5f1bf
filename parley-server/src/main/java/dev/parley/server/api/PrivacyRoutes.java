package dev.parley.server.api;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.parley.server.store.Erasure;
import dev.parley.server.store.SuppressedId;
import dev.parley.server.store.SuppressionReader;
import io.javalin.config.RoutesConfig;
import io.javalin.http.Context;
import java.sql.SQLException;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.function.Function;

/**
 * Erasure behind the admin token: {@code DELETE /api/v1/users/{userId}} deletes the user's
 * events (and those of the anonymousIds linked to them), compacts the store and suppresses
 * their later events; {@code GET /api/v1/suppressions} lists the suppressed ids.
 */
public final class PrivacyRoutes implements RouteModule {
  private static final long ERASE_WAIT_SECONDS = 120;

  private final ReadContext context;
  private final Function<String, CompletableFuture<Erasure>> eraser;
  private final SuppressionReader suppressions;

  public PrivacyRoutes(ReadContext context, Function<String, CompletableFuture<Erasure>> eraser) {
    this.context = context;
    this.eraser = eraser;
    this.suppressions = new SuppressionReader(context.reads());
  }

  @Override
  public void addRoutes(RoutesConfig routes) {
    routes.delete("/api/v1/users/{userId}", this::erase);
    routes.get("/api/v1/suppressions", this::suppressions);
  }

  private void erase(Context ctx) throws InterruptedException {
    String userId = ctx.pathParam("userId");
    Erasure erasure;
    try {
      erasure = eraser.apply(userId).get(ERASE_WAIT_SECONDS, TimeUnit.SECONDS);
    } catch (ExecutionException e) {
      if (e.getCause() instanceof UnsupportedOperationException unsupported) {
        ctx.status(501).contentType("application/json").result(context.json().createObjectNode()
            .put("success", false).put("error", unsupported.getMessage()).toString());
        return;
      }
      ctx.header("Retry-After", "5").status(503).contentType("application/json")
          .result("{\"success\":false,\"error\":\"the erasure could not finish now; the user is suppressed, retry\"}");
      return;
    } catch (TimeoutException e) {
      ctx.header("Retry-After", "5").status(503).contentType("application/json")
          .result("{\"success\":false,\"error\":\"the erasure could not finish now; the user is suppressed, retry\"}");
      return;
    }
    ObjectNode answer = context.json().createObjectNode().put("success", true).put("userId", erasure.userId())
        .put("events", erasure.events()).put("violations", erasure.violations());
    ArrayNode linked = answer.putArray("linkedIds");
    erasure.linkedIds().forEach(linked::add);
    erasure.logCopiesUntil().ifPresent(at -> answer.put("logCopiesUntil", at.toString()));
    ctx.contentType("application/json").result(answer.toString());
  }

  private void suppressions(Context ctx) throws SQLException {
    ObjectNode answer = context.json().createObjectNode();
    ArrayNode items = answer.putArray("items");
    for (SuppressedId id : suppressions.all()) {
      items.addObject().put("id", id.id()).put("kind", id.kind()).put("erasedUser", id.erasedUser())
          .put("since", id.since().toString());
    }
    ctx.contentType("application/json").result(answer.toString());
  }
}
