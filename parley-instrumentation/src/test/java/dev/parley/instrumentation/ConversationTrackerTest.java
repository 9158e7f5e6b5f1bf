package dev.parley.instrumentation;

import static dev.parley.instrumentation.testing.EventChecks.names;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import dev.parley.instrumentation.testing.CollectedAnalytics;
import dev.parley.sdk.Identity;
import dev.parley.sdk.Usage;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.function.BiFunction;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

class ConversationTrackerTest {
  private static final BiFunction<String, String, Identity> ANONYMOUS = (key, id) -> Identity.anonymousId(id);

  @RegisterExtension
  final CollectedAnalytics collected = new CollectedAnalytics();

  private ConversationTracker<String> tracker(BiFunction<String, String, Identity> identities, int max) {
    return new ConversationTracker<>(collected.analytics(),
        new ConversationKeys<>(key -> "conv-" + key, identities, ANONYMOUS, max));
  }

  private static List<String> conversationIds(List<JsonNode> messages) {
    return messages.stream().map(m -> m.path("properties").path("conversationId").asText()).toList();
  }

  @Test
  void aKeyStartsOneConversationWithTheDerivedIdAndIdentity() {
    ConversationTracker<String> tracker = tracker((key, id) -> Identity.userId("user-" + key), 10);

    TrackedConversation first = tracker.open("alice");
    assertThat(tracker.open("alice")).isSameAs(first);

    List<JsonNode> messages = collected.delivered();
    assertThat(names(messages)).containsExactly("Conversation Started");
    assertThat(messages.get(0).path("userId").asText()).isEqualTo("user-alice");
    assertThat(tracker.conversationId("alice")).contains("conv-alice");
    assertThat(tracker.find("bob")).isEmpty();
  }

  @Test
  void aKeyUsedAgainAfterEndStartsANewConversationWithAFreshId() {
    ConversationTracker<String> tracker = tracker(ANONYMOUS, 10);
    tracker.open("alice");

    assertThat(tracker.end("alice")).isTrue();
    assertThat(tracker.end("alice")).isFalse();
    tracker.open("alice");

    List<JsonNode> messages = collected.delivered();
    assertThat(names(messages)).containsExactly("Conversation Started", "Conversation Ended", "Conversation Started");
    assertThat(conversationIds(messages).get(2)).startsWith("conv-alice-");
    assertThat(messages.get(2).path("anonymousId").asText()).isEqualTo(conversationIds(messages).get(2));
  }

  @Test
  void aResolverThatFailsOrGivesNothingFallsBack() {
    ConversationTracker<String> tracker = tracker((key, id) -> {
      if (key.equals("alice")) {
        throw new IllegalStateException("directory down");
      }
      return null;
    }, 10);

    tracker.open("alice");
    tracker.open("bob");

    assertThat(collected.delivered()).extracting(m -> m.path("anonymousId").asText())
        .containsExactly("conv-alice", "conv-bob");
  }

  @Test
  void aBlankConversationIdIsRefused() {
    ConversationTracker<String> tracker = new ConversationTracker<>(collected.analytics(),
        new ConversationKeys<>(key -> " ", ANONYMOUS, ANONYMOUS, 10));

    assertThatThrownBy(() -> tracker.open("alice")).isInstanceOf(IllegalStateException.class);
  }

  @Test
  void pastTheLimitTheLeastRecentlyUsedIsForgottenWithoutAnEvent() {
    ConversationTracker<String> tracker = tracker(ANONYMOUS, 1);

    tracker.open("alice");
    tracker.open("bob");
    tracker.open("alice");

    List<JsonNode> messages = collected.delivered();
    assertThat(names(messages)).containsOnly("Conversation Started");
    assertThat(conversationIds(messages)).containsExactly("conv-alice", "conv-bob", "conv-alice");
  }

  @Test
  void feedbackNeedsAConversationInProgressAndARatingTheSdkAccepts() {
    ConversationTracker<String> tracker = tracker(ANONYMOUS, 10);
    assertThat(tracker.feedback("alice", null, 5)).isFalse();
    TrackedConversation tracked = tracker.open("alice");
    String replyId = tracked.messageReceived("Answer: 42", Usage.none(), Map.of());

    assertThat(tracker.feedback("alice", " ", 5)).isFalse();
    assertThat(tracker.feedback("alice", replyId, 5)).isTrue();

    assertThat(tracker.failures()).isEqualTo(1);
    assertThat(tracker.lastReplyId("alice")).contains(replyId);
    List<JsonNode> messages = collected.delivered();
    assertThat(names(messages)).containsExactly("Conversation Started", "Message Received", "Feedback Submitted");
    assertThat(messages.get(2).path("properties").path("instrumentation_error_count").asInt()).isEqualTo(1);
  }

  @Test
  void threadsSeeingANewKeyAtOnceStartExactlyOneConversation() throws Exception {
    ConversationTracker<String> tracker = tracker(ANONYMOUS, 10);
    ExecutorService pool = Executors.newFixedThreadPool(4);
    CountDownLatch go = new CountDownLatch(1);
    List<Future<TrackedConversation>> opened = new ArrayList<>();
    for (int i = 0; i < 8; i++) {
      opened.add(pool.submit(() -> {
        go.await();
        return tracker.open("alice");
      }));
    }
    go.countDown();
    for (Future<TrackedConversation> each : opened) {
      assertThat(each.get(10, TimeUnit.SECONDS)).isSameAs(opened.get(0).get());
    }
    pool.shutdown();

    assertThat(names(collected.delivered())).containsExactly("Conversation Started");
  }
}
