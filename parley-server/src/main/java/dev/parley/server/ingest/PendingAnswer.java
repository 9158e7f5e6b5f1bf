package dev.parley.server.ingest;

import io.javalin.http.Context;
import jakarta.servlet.AsyncEvent;
import jakarta.servlet.AsyncListener;
import java.util.concurrent.CompletableFuture;

/**
 * The answer to an asynchronous request, written only while the request is still there.
 *
 * <p>When a client goes away, or the server stops, before an answer is ready, Jetty ends the
 * request and then reuses its objects for another one. Anything that touches the request after
 * that fails: our answer, and Javalin too, which goes on with its own steps (error mapping,
 * writing the result) when the future handed to {@code ctx.future} completes, and which fails
 * in a loop on a recycled request. So the future handed to Javalin ({@link #future()})
 * completes only once the answer is written; when the request ended first, it never completes
 * and Javalin never touches the request again. Jetty tells the request's listeners that it has
 * ended before it recycles it, and the listener here takes the same lock as {@link #answer}: an
 * answer is either written, and handed to Javalin, while the request lives, or not at all.
 */
public final class PendingAnswer {
  private final CompletableFuture<Void> written = new CompletableFuture<>();
  private boolean ended;

  private PendingAnswer() {}

  /** Watches a request that {@code ctx.future} made asynchronous: call it in the future's supplier. */
  public static PendingAnswer watch(Context ctx) {
    PendingAnswer answer = new PendingAnswer();
    ctx.req().getAsyncContext().addListener(new AsyncListener() {
      @Override
      public void onComplete(AsyncEvent event) {
        answer.end();
      }

      @Override
      public void onTimeout(AsyncEvent event) {
        answer.end();
      }

      @Override
      public void onError(AsyncEvent event) {
        answer.end();
      }

      @Override
      public void onStartAsync(AsyncEvent event) {}
    });
    return answer;
  }

  private synchronized void end() {
    ended = true;
  }

  /** What to return from the {@code ctx.future} supplier. */
  public CompletableFuture<Void> future() {
    return written;
  }

  /**
   * Runs {@code write} (which sets the status, headers and result on the context) and hands the
   * request back to Javalin to send, if the request has not ended; says whether it had not.
   */
  public synchronized boolean answer(Runnable write) {
    if (ended) {
      return false;
    }
    try {
      write.run();
      written.complete(null);
    } catch (RuntimeException e) {
      written.completeExceptionally(e);
    }
    return true;
  }
}
