package dev.parley.server.topics;

import java.util.function.DoubleSupplier;

/**
 * How long the topic worker rests after embedding, so that embedding takes at most {@link
 * TopicWorker.Settings#busyShare} of one core while it catches up, and {@link
 * TopicWorker.Settings#busyMachineShare} while the machine is busy (ingest under load): then
 * the backlog waits, not ingest. Thread priorities cannot say this on Linux, where the JVM
 * ignores them.
 */
final class EmbedPacing {
  private final TopicWorker.Settings settings;
  private final DoubleSupplier machineLoad;

  /**
   * @param machineLoad the share (0 to 1) of the machine's CPU in use lately; above {@link
   *     TopicWorker.Settings#busyMachine} the worker embeds for only {@link
   *     TopicWorker.Settings#busyMachineShare} of its time
   */
  EmbedPacing(TopicWorker.Settings settings, DoubleSupplier machineLoad) {
    this.settings = settings;
    this.machineLoad = machineLoad;
  }

  /** The rest, in nanoseconds, after {@code busyNanos} of embedding; 0 when the share allows all of it. */
  long restNanos(long busyNanos) {
    double share = machineLoad.getAsDouble() > settings.busyMachine() ? settings.busyMachineShare() : settings.busyShare();
    return share >= 1 ? 0 : (long) (busyNanos * (1 - share) / share);
  }

  /** The machine's recent CPU use (0 to 1), or 0 when the JVM cannot tell. */
  static double systemCpuLoad() {
    if (java.lang.management.ManagementFactory.getOperatingSystemMXBean()
        instanceof com.sun.management.OperatingSystemMXBean os) {
      double load = os.getCpuLoad();
      return load < 0 ? 0 : load;
    }
    return 0;
  }
}
