package dev.parley.demo;

import java.time.Clock;
import java.time.Instant;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.util.concurrent.atomic.AtomicReference;

/**
 * A clock the demo sets by hand while it backfills history, then lets run with real time.
 * Thread-safe.
 */
final class DemoClock extends Clock {
  private final AtomicReference<Instant> fixed = new AtomicReference<>();

  void set(Instant instant) {
    fixed.set(instant);
  }

  /** From now on, tell real time. */
  void release() {
    fixed.set(null);
  }

  @Override
  public Instant instant() {
    Instant instant = fixed.get();
    return instant != null ? instant : Instant.now();
  }

  @Override
  public ZoneId getZone() {
    return ZoneOffset.UTC;
  }

  @Override
  public Clock withZone(ZoneId zone) {
    throw new UnsupportedOperationException("the demo clock is UTC only");
  }
}
