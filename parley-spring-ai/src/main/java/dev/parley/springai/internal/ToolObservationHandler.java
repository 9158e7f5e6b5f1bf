package dev.parley.springai.internal;

import io.micrometer.observation.Observation;
import io.micrometer.observation.ObservationHandler;
import java.time.Duration;
import org.springframework.ai.tool.observation.ToolCallingObservationContext;

/**
 * Watches Spring AI's {@code spring.ai.tool} observations and hands each finished tool run,
 * with its duration and whether it threw, to the {@link ExchangeRecorder}. Register it on the
 * {@code ObservationRegistry} that the {@code ToolCallingManager} uses. Thread-safe.
 */
public final class ToolObservationHandler implements ObservationHandler<ToolCallingObservationContext> {
  private static final String STARTED_AT = ToolObservationHandler.class.getName() + ".startedAt";

  private final ExchangeRecorder recorder;

  public ToolObservationHandler(ExchangeRecorder recorder) {
    this.recorder = recorder;
  }

  @Override
  public void onStart(ToolCallingObservationContext context) {
    context.put(STARTED_AT, System.nanoTime());
  }

  @Override
  public void onStop(ToolCallingObservationContext context) {
    Long startedAt = context.get(STARTED_AT);
    Duration duration = startedAt == null ? Duration.ZERO : Duration.ofNanos(System.nanoTime() - startedAt);
    recorder.toolObserved(context, duration, context.getError() != null);
  }

  @Override
  public boolean supportsContext(Observation.Context context) {
    return context instanceof ToolCallingObservationContext;
  }
}
