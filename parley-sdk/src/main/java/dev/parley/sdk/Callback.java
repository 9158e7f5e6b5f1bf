package dev.parley.sdk;

/**
 * Receives the outcome of each message, once it is known.
 *
 * <p>Methods run on the SDK's delivery thread, on the calling thread for messages refused
 * at the call, and on the closing thread for what {@code close()} gives up on: keep them
 * quick, thread-safe and non-blocking. Exceptions they throw are ignored (the first is
 * logged). Messages written to the spool are reported when a later delivery attempt
 * settles them, possibly in a later process.
 */
public interface Callback {
  /** Called once for each message the collector acknowledged. */
  default void delivered(EventRef event) {}

  /** Called once for each message the SDK gave up on, with the reason. */
  default void failed(EventRef event, Failure failure) {}
}
