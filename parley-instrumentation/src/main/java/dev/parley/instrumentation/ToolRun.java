package dev.parley.instrumentation;

import java.time.Duration;
import java.util.Objects;
import java.util.Optional;

/**
 * One tool call of a turn, as its Action Invoked reports it. A value; thread-safe.
 *
 * @param name the tool's name; null or blank is sent as {@code unknown}
 * @param arguments the call's JSON arguments; sent only when the integration captures them
 * @param outcome how the run went, when the framework said (a call that the reply asks for but
 *     that was not seen running has none)
 */
public record ToolRun(String name, Optional<String> arguments, Optional<Outcome> outcome) {
  /** Checks the components; {@code name} may be null. */
  public ToolRun {
    Objects.requireNonNull(arguments, "arguments == null");
    Objects.requireNonNull(outcome, "outcome == null");
  }

  /** A call seen running; {@code arguments} may be null. */
  public static ToolRun observed(String name, String arguments, Optional<Duration> duration, boolean failed) {
    return new ToolRun(name, Optional.ofNullable(arguments), Optional.of(new Outcome(duration, failed)));
  }

  /** A call whose run was not seen, so its duration and outcome are unknown; {@code arguments} may be null. */
  public static ToolRun unobserved(String name, String arguments) {
    return new ToolRun(name, Optional.ofNullable(arguments), Optional.empty());
  }

  /**
   * How a tool run went: sent as {@code duration_ms} (when known) and {@code failed}.
   *
   * @param duration how long the tool ran
   * @param failed whether the tool threw
   */
  public record Outcome(Optional<Duration> duration, boolean failed) {
    /** Checks the components. */
    public Outcome {
      Objects.requireNonNull(duration, "duration == null");
    }
  }
}
