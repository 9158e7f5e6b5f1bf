package dev.parley.spec;

import java.util.Objects;

/**
 * One way in which a message breaks the tracking plan.
 *
 * @param event the event name for a track message, else the message type ({@code "identify"})
 * @param path where: {@code properties.<name>}, {@code event}, {@code userId}, or a top-level
 *     field name for a misplaced property
 * @param code what kind of break
 * @param message a sentence for a person, saying how to fix it
 */
public record Violation(String event, String path, ViolationCode code, String message) {
  public Violation {
    Objects.requireNonNull(event, "event == null");
    Objects.requireNonNull(path, "path == null");
    Objects.requireNonNull(code, "code == null");
    Objects.requireNonNull(message, "message == null");
  }

  @Override
  public String toString() {
    return event + ": " + code.wireName() + " at " + path + ": " + message;
  }
}
