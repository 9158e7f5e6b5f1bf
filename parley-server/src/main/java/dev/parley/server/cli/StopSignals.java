package dev.parley.server.cli;

import java.io.PrintWriter;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import sun.misc.Signal;

/**
 * Waits for SIGTERM or Ctrl-C and lets the caller close what it runs <em>before</em> the JVM
 * begins to shut down.
 *
 * <p>Why not a shutdown hook: the JVM runs its hooks all at once, and ONNX Runtime (the topic
 * worker's embedding model) has one that frees its native environment. A worker still inside
 * the model when that hook runs crashes the process (SIGSEGV in {@code libonnxruntime.so}),
 * before the store is closed. Handling the signal first, the caller stops the worker, closes
 * the store and returns; the JVM then exits with nothing left running in native code.
 *
 * <p>A second signal while closing stops the process at once: nothing acknowledged is lost
 * (the ingest log is durable), the store only replays its write-ahead log on the next start.
 * Anything else that ends the JVM (another signal, {@code System.exit}) still runs the
 * fallback hook given to {@link #install}.
 */
public final class StopSignals {
  private static final Logger log = LoggerFactory.getLogger(StopSignals.class);
  private static final String[] SIGNALS = {"TERM", "INT"};

  private final CountDownLatch received = new CountDownLatch(1);
  private final AtomicInteger count = new AtomicInteger();
  private final AtomicBoolean closed = new AtomicBoolean();
  private final PrintWriter err;
  private final Runnable close;

  private StopSignals(PrintWriter err, Runnable close) {
    this.err = err;
    this.close = close;
  }

  /**
   * Handles SIGTERM and SIGINT from now on; {@code close} runs once, either after a signal
   * (from {@link #awaitAndClose}) or from a shutdown hook when the JVM ends another way.
   */
  public static StopSignals install(PrintWriter err, Runnable close) {
    StopSignals stop = new StopSignals(err, close);
    for (String name : SIGNALS) {
      try {
        Signal.handle(new Signal(name), stop::received);
      } catch (IllegalArgumentException e) {
        log.warn("cannot handle SIG{} ({}); a shutdown hook closes the server instead", name, e.getMessage());
      }
    }
    Runtime.getRuntime().addShutdownHook(new Thread(stop::closeOnce, "parley-shutdown"));
    return stop;
  }

  private void received(Signal signal) {
    if (count.incrementAndGet() == 1) {
      received.countDown();
      return;
    }
    err.println("parley: SIG" + signal.getName() + " again: stopping now, without closing the store");
    err.flush();
    Runtime.getRuntime().halt(128 + signal.getNumber());
  }

  /** Blocks until SIGTERM or SIGINT, then closes. */
  public void awaitAndClose() throws InterruptedException {
    received.await();
    closeOnce();
  }

  private void closeOnce() {
    if (closed.compareAndSet(false, true)) {
      close.run();
    }
  }
}
