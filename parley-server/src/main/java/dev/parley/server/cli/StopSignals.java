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
 * <p>Install it before starting anything: a signal during start (the topic worker may already
 * be loading its model) is then held until the server is up, and closes it as soon as it is.
 * A second signal while starting or closing stops the process at once: nothing acknowledged
 * is lost (the ingest log is durable), the store only replays its write-ahead log on the next
 * start. Anything else that ends the JVM (another signal, {@code System.exit}) runs the close
 * from a shutdown hook, which waits for a close already under way.
 */
public final class StopSignals {
  private static final Logger log = LoggerFactory.getLogger(StopSignals.class);
  private static final String[] SIGNALS = {"TERM", "INT"};

  private final CountDownLatch received = new CountDownLatch(1);
  private final CountDownLatch done = new CountDownLatch(1);
  private final AtomicInteger count = new AtomicInteger();
  private final AtomicBoolean closing = new AtomicBoolean();
  private final PrintWriter err;
  private final Thread hook = new Thread(this::closeOnce, "parley-shutdown");
  private volatile Runnable close = () -> { };
  private volatile Runnable beforeHalt = () -> { };

  private StopSignals(PrintWriter err) {
    this.err = err;
  }

  /**
   * Handles SIGTERM and SIGINT from now on; what to close is given by {@link #closeWith} once
   * it is running.
   */
  public static StopSignals install(PrintWriter err) {
    StopSignals stop = new StopSignals(err);
    for (String name : SIGNALS) {
      try {
        Signal.handle(new Signal(name), stop::received);
      } catch (IllegalArgumentException e) {
        log.warn("cannot handle SIG{} ({}); a shutdown hook closes the server instead", name, e.getMessage());
      }
    }
    Runtime.getRuntime().addShutdownHook(stop.hook);
    return stop;
  }

  /** What a signal (or the end of the JVM) closes, now that it runs. */
  public StopSignals closeWith(Runnable close) {
    this.close = close;
    return this;
  }

  /**
   * What a second signal does before it halts the JVM: for a command whose children would
   * outlive it (parley cluster kills them).
   */
  public StopSignals beforeHalt(Runnable action) {
    this.beforeHalt = action;
    return this;
  }

  /** Whether SIGTERM or SIGINT arrived (callers with long work to start may stop early). */
  public boolean signalled() {
    return received.getCount() == 0;
  }

  private void received(Signal signal) {
    if (count.incrementAndGet() == 1) {
      received.countDown();
      return;
    }
    err.println("parley: SIG" + signal.getName() + " again: stopping now, without closing the store");
    err.flush();
    try {
      beforeHalt.run();
    } finally {
      Runtime.getRuntime().halt(128 + signal.getNumber());
    }
  }

  /** Blocks until SIGTERM or SIGINT (returns at once if one already arrived), then closes. */
  public void awaitAndClose() throws InterruptedException {
    received.await();
    closeOnce();
    try {
      Runtime.getRuntime().removeShutdownHook(hook); // closed: nothing left for the hook
    } catch (IllegalStateException alreadyShuttingDown) {
      // the hook runs, finds the close done, and returns
    }
  }

  /** Runs the close once; a second caller (the hook, during a close) waits for it to finish. */
  private void closeOnce() {
    if (closing.compareAndSet(false, true)) {
      try {
        close.run();
      } finally {
        done.countDown();
      }
      return;
    }
    boolean interrupted = false;
    while (true) {
      try {
        done.await();
        break;
      } catch (InterruptedException e) {
        interrupted = true;
      }
    }
    if (interrupted) {
      Thread.currentThread().interrupt();
    }
  }
}
