package dev.parley.bench.sdk;

import java.lang.management.ManagementFactory;
import java.util.concurrent.atomic.LongAdder;
import org.openjdk.jmh.annotations.AuxCounters;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.TearDown;
import org.openjdk.jmh.infra.BenchmarkParams;

/**
 * Bytes allocated by the calling thread alone, per tracked event. JMH's {@code -prof gc}
 * counts every thread of the JVM (the clients' batching and HTTP threads and the local
 * sink included); this counter reads the caller thread's own allocation counter at the
 * start and end of each iteration, so it shows what a tracking call costs the caller.
 *
 * <p>Reported by JMH as secondary results: {@code callerBytesPerOp}, and the raw
 * {@code callerBytes} and {@code calls} (summed over threads and iterations) it comes from. One
 * instance per benchmark thread; not shared.
 */
@State(Scope.Thread)
@AuxCounters(AuxCounters.Type.EVENTS)
public class CallerAllocation {
  private static final com.sun.management.ThreadMXBean THREADS =
      (com.sun.management.ThreadMXBean) ManagementFactory.getThreadMXBean();

  /** Bytes this thread allocated during the iteration. */
  public long callerBytes;
  /** Tracking calls this thread made during the iteration. */
  public long calls;
  /**
   * Bytes per call, divided by the thread and iteration counts: JMH sums these counters over
   * threads and measurement iterations, so the reported figure is the mean.
   */
  public double callerBytesPerOp;

  /** Calls made by all threads in all iterations, to compare with what the clients delivered. */
  static final LongAdder TOTAL_CALLS = new LongAdder();

  private int shares;
  private long start;
  private long counted;

  @Setup(Level.Trial)
  public void shares(BenchmarkParams params) {
    shares = params.getThreads() * params.getMeasurement().getCount();
  }

  @Setup(Level.Iteration)
  public void start() {
    counted = 0;
    start = THREADS.getCurrentThreadAllocatedBytes();
  }

  /** Counts one tracking call; called by the benchmark method on its own thread. */
  void count() {
    counted++;
  }

  @TearDown(Level.Iteration)
  public void stop() {
    callerBytes = THREADS.getCurrentThreadAllocatedBytes() - start;
    calls = counted;
    TOTAL_CALLS.add(counted);
    callerBytesPerOp = counted == 0 ? 0 : (double) callerBytes / counted / shares;
  }
}
