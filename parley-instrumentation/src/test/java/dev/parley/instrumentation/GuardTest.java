package dev.parley.instrumentation;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.parley.instrumentation.testing.CollectedAnalytics;
import dev.parley.sdk.Identity;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

class GuardTest {
  @RegisterExtension
  final CollectedAnalytics collected = new CollectedAnalytics();

  private final Guard guard = new Guard();

  @Test
  void aFailureIsSwallowedCountedAndPendingOnTheConversation() {
    TrackedConversation tracked =
        new TrackedConversation(collected.analytics().startConversation(Identity.anonymousId("c-1"), "c-1"));

    guard.run(tracked, "Message Sent", () -> {
      throw new IllegalStateException("boom");
    });
    guard.run(tracked, "Message Sent", () -> {
      throw new AssertionError("boom");
    });
    guard.run(tracked, "Message Sent", () -> {
      throw new NoClassDefFoundError("boom");
    });

    assertThat(guard.failures()).isEqualTo(3);
    assertThat(tracked.withPendingErrors(Map.of())).containsEntry(EventProperties.INSTRUMENTATION_ERROR_COUNT, 3);
  }

  @Test
  void withoutAConversationAFailureIsOnlyCounted() {
    guard.run(null, "Action Invoked", () -> {
      throw new IllegalArgumentException("boom");
    });

    assertThat(guard.failures()).isEqualTo(1);
  }

  @Test
  void aSuccessfulActionRunsOnceAndCountsNothing() {
    int[] runs = {0};

    guard.run(null, "Action Invoked", () -> runs[0]++);

    assertThat(runs[0]).isEqualTo(1);
    assertThat(guard.failures()).isZero();
  }

  @Test
  void virtualMachineErrorsAreNotSwallowed() {
    assertThatThrownBy(() -> guard.run(null, "Action Invoked", () -> {
      throw new StackOverflowError();
    })).isInstanceOf(StackOverflowError.class);
  }
}
