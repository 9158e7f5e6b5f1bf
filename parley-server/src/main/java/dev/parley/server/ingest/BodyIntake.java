package dev.parley.server.ingest;

import jakarta.servlet.ReadListener;
import jakarta.servlet.ServletInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.atomic.AtomicLong;

/**
 * Reads request bodies with the servlet container's non-blocking input: no thread waits while
 * a client is slow to send, so slow clients cannot take the threads that answer everyone else.
 * Each body must arrive within {@link BodyLimits#deadline()}, and all bodies in progress share
 * {@link BodyLimits#inFlightBytes()}. One instance serves every ingest route (Segment's and OTLP's), so
 * the budget is the server's. Thread-safe.
 */
public final class BodyIntake {
  /**
   * A body over its limit by no more than this factor is read to its end and dropped before the
   * 413 is sent: a server that answers and closes while the client is still sending makes the
   * client's TCP stack reset the connection, and the client never reads the answer.
   */
  static final int DRAIN_FACTOR = 4;

  private final BodyLimits limits;
  private final AtomicLong inFlight = new AtomicLong();

  public BodyIntake(BodyLimits limits) {
    this.limits = limits;
  }

  /** The body bytes held now by requests in progress. */
  public long inFlightBytes() {
    return inFlight.get();
  }

  /**
   * Starts reading {@code in} (the request must be in async mode) and completes with its
   * bytes as sent (still compressed, if they are). Fails with a {@link RejectedException}: 413
   * past {@code maxBytes} (once the body has been read and dropped, when it is not much
   * larger), 408 past the deadline, 503 when the shared budget is spent. The bytes kept stay
   * counted against the budget until {@code lease} is closed.
   */
  public CompletableFuture<byte[]> read(ServletInputStream in, long declaredLength, int maxBytes, String limitName,
      Lease lease) {
    if (declaredLength > DRAIN_FACTOR * (long) maxBytes) {
      return CompletableFuture.failedFuture(Rejection.tooLarge("request body over the limit of " + limitName).toException());
    }
    CompletableFuture<byte[]> body = new CompletableFuture<>();
    Listener listener = new Listener(in, maxBytes, limitName, lease, body);
    in.setReadListener(listener);
    return body.orTimeout(limits.deadline().toMillis(), TimeUnit.MILLISECONDS).exceptionallyCompose(failure ->
        CompletableFuture.failedFuture(failure instanceof TimeoutException
            ? Rejection.timedOut("the body did not arrive within " + limits.deadline().toSeconds()
                + " s; send the whole body at once").toException()
            : failure));
  }

  /** A new lease on the shared budget; close it once the request is answered. */
  public Lease lease() {
    return new Lease();
  }

  /** What one request holds of the shared budget. */
  public final class Lease implements AutoCloseable {
    private long held;
    private boolean closed;

    /** Takes {@code n} more bytes; false (taking nothing) when the budget cannot give them. */
    synchronized boolean take(int n) {
      if (closed) {
        return false;
      }
      long now = inFlight.addAndGet(n);
      if (now > limits.inFlightBytes()) {
        inFlight.addAndGet(-n);
        return false;
      }
      held += n;
      return true;
    }

    @Override
    public synchronized void close() {
      if (!closed) {
        closed = true;
        inFlight.addAndGet(-held);
        held = 0;
      }
    }
  }

  private static final class Listener implements ReadListener {
    private final ServletInputStream in;
    private final int maxBytes;
    private final String limitName;
    private final Lease lease;
    private final CompletableFuture<byte[]> body;
    private final ByteArrayOutputStream bytes = new ByteArrayOutputStream(8192);
    private final byte[] chunk = new byte[8192];
    private long dropped;

    Listener(ServletInputStream in, int maxBytes, String limitName, Lease lease, CompletableFuture<byte[]> body) {
      this.in = in;
      this.maxBytes = maxBytes;
      this.limitName = limitName;
      this.lease = lease;
      this.body = body;
    }

    @Override
    public void onDataAvailable() throws IOException {
      while (!body.isDone() && in.isReady()) {
        int n = in.read(chunk);
        if (n < 0) {
          return;
        }
        if (dropped > 0 || bytes.size() + n > maxBytes) {
          dropped += n; // over the limit: read on and drop, then answer 413 (see DRAIN_FACTOR)
          if (bytes.size() + dropped > DRAIN_FACTOR * (long) maxBytes) {
            body.completeExceptionally(tooLarge());
          }
        } else if (!lease.take(n)) {
          body.completeExceptionally(Rejection.unavailable("too many request bodies in progress", 1).toException());
        } else {
          bytes.write(chunk, 0, n);
        }
      }
    }

    @Override
    public void onAllDataRead() {
      if (dropped > 0) {
        body.completeExceptionally(tooLarge());
      } else {
        body.complete(bytes.toByteArray());
      }
    }

    private RejectedException tooLarge() {
      return Rejection.tooLarge("request body over the limit of " + limitName).toException();
    }

    @Override
    public void onError(Throwable failure) {
      body.completeExceptionally(failure);
    }
  }
}
