package dev.parley.langchain4j.testing;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import dev.langchain4j.memory.ChatMemory;
import dev.langchain4j.memory.chat.ChatMemoryProvider;
import dev.langchain4j.memory.chat.MessageWindowChatMemory;
import dev.langchain4j.store.memory.chat.ChatMemoryStore;
import dev.langchain4j.store.memory.chat.InMemoryChatMemoryStore;
import dev.parley.sdk.CopilotAnalytics;
import dev.parley.spec.Validator;
import java.io.IOException;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.UnaryOperator;

/**
 * One test's world: a collector stand-in, a real SDK client sending to it, and chat memories
 * by memory id.
 */
public final class Harness implements AutoCloseable {
  private static final Validator VALIDATOR = Validator.standard();

  private final CollectorStandIn collector;
  private final CopilotAnalytics analytics;
  private final Map<Object, ChatMemory> memories = new ConcurrentHashMap<>();

  public Harness() throws IOException {
    collector = new CollectorStandIn();
    analytics = CopilotAnalytics.builder("test-write-key")
        .endpoint(collector.endpoint())
        .flushAt(100)
        .flushInterval(Duration.ofMillis(200))
        // One upload at a time, so that arrival order is sending order, which the tests check.
        .maxConcurrentUploads(1)
        .build();
  }

  public CopilotAnalytics analytics() {
    return analytics;
  }

  /** Chat memories kept in a plain in-memory store. */
  public ChatMemoryProvider memories() {
    return memories(UnaryOperator.identity());
  }

  /** Chat memories kept in an in-memory store, wrapped as the test says. */
  public ChatMemoryProvider memories(UnaryOperator<ChatMemoryStore> wrap) {
    ChatMemoryStore store = wrap.apply(new InMemoryChatMemoryStore());
    return id -> memories.computeIfAbsent(id,
        key -> MessageWindowChatMemory.builder().id(key).maxMessages(50).chatMemoryStore(store).build());
  }

  public ChatMemory memory(Object id) {
    return memories.get(id);
  }

  /** Waits until everything sent so far was delivered, and returns every message received. */
  public List<JsonNode> delivered() {
    analytics.flush();
    return collector.messages();
  }

  /** The event names of these messages, in order. */
  public static List<String> names(List<JsonNode> messages) {
    return messages.stream().map(m -> m.path("event").asText()).toList();
  }

  /** Asserts that every message validates cleanly against the AI Copilot tracking plan. */
  public static void assertAllValid(List<JsonNode> messages) {
    for (JsonNode message : messages) {
      assertThat(VALIDATOR.validate(message)).as("violations of %s", message).isEmpty();
    }
  }

  @Override
  public void close() {
    analytics.close();
    collector.close();
  }
}
