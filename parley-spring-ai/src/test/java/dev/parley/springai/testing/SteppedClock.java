package dev.parley.springai.testing;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.util.concurrent.atomic.AtomicLong;

/**
 * A clock that stands still until a test moves it on: the Parley SDK stamps its messages with
 * it, and {@link #otel()} gives the same time to OpenTelemetry's SDK for span starts and ends,
 * so both see the same instants whatever the machine's speed. Thread-safe.
 */
public final class SteppedClock extends Clock {
  private final AtomicLong epochNanos;

  public SteppedClock(Instant start) {
    this.epochNanos = new AtomicLong(start.getEpochSecond() * 1_000_000_000L + start.getNano());
  }

  /** Moves the time on. */
  public void advance(Duration duration) {
    epochNanos.addAndGet(duration.toNanos());
  }

  @Override
  public Instant instant() {
    long nanos = epochNanos.get();
    return Instant.ofEpochSecond(Math.floorDiv(nanos, 1_000_000_000L), Math.floorMod(nanos, 1_000_000_000L));
  }

  @Override
  public ZoneId getZone() {
    return ZoneOffset.UTC;
  }

  @Override
  public Clock withZone(ZoneId zone) {
    throw new UnsupportedOperationException("a stepped clock is in UTC");
  }

  /** The same time as OpenTelemetry's SDK reads it (its monotonic time moves with it). */
  public io.opentelemetry.sdk.common.Clock otel() {
    return new io.opentelemetry.sdk.common.Clock() {
      @Override
      public long now() {
        return epochNanos.get();
      }

      @Override
      public long nanoTime() {
        return epochNanos.get();
      }
    };
  }
}
