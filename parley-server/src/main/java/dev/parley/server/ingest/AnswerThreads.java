package dev.parley.server.ingest;

import java.util.concurrent.Executor;
import java.util.concurrent.Executors;
import java.util.concurrent.ThreadFactory;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * Where ingest answers are written. An answer's future completes on whatever thread finished
 * the work: the log's group commit, Kafka's producer thread, the JDK's timer. Writing the
 * response there would let one client that reads slowly (a large block-mode answer) hold up
 * everyone's fsyncs, sends or deadlines; so the answer moves to a thread of its own. Idle
 * threads end after a minute.
 */
public final class AnswerThreads {
  private static final AtomicInteger COUNT = new AtomicInteger();
  private static final ThreadFactory FACTORY = task -> {
    Thread thread = new Thread(task, "parley-answer-" + COUNT.incrementAndGet());
    thread.setDaemon(true);
    return thread;
  };
  /** The executor of ingest answers. */
  public static final Executor EXECUTOR = Executors.newCachedThreadPool(FACTORY);

  private AnswerThreads() {}
}
