package dev.parley.server.reliability;

import org.junit.jupiter.api.Assumptions;

/**
 * Quick or full reliability runs. {@code mvn -B verify} runs the quick versions; with
 * {@code PARLEY_RELIABILITY=full} in the environment (set by {@code .ci/run}) the long ones run
 * too: 20 crashes, a 60 s outage, the 10 minute soak.
 */
final class ReliabilityMode {
  static final String VARIABLE = "PARLEY_RELIABILITY";

  private ReliabilityMode() {}

  static boolean full() {
    return "full".equalsIgnoreCase(System.getenv(VARIABLE));
  }

  /** {@code quick} normally, {@code full} when the flag is set. */
  static int pick(int quick, int full) {
    return full() ? full : quick;
  }

  /** Skips a test that only runs in the full mode, saying how to run it. */
  static void assumeFull(String what) {
    Assumptions.assumeTrue(full(), () -> what + " runs only in the full reliability mode: "
        + "PARLEY_RELIABILITY=full mvn -B -pl parley-server -am verify -Dtest='*Reliability*' -Dsurefire.failIfNoSpecifiedTests=false");
  }
}
