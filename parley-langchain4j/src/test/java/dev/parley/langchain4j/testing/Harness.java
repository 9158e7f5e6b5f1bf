package dev.parley.langchain4j.testing;

import dev.langchain4j.memory.ChatMemory;
import dev.langchain4j.memory.chat.ChatMemoryProvider;
import dev.langchain4j.memory.chat.MessageWindowChatMemory;
import dev.langchain4j.store.memory.chat.ChatMemoryStore;
import dev.langchain4j.store.memory.chat.InMemoryChatMemoryStore;
import dev.parley.instrumentation.testing.CollectedAnalytics;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.UnaryOperator;

/**
 * One test's world: a collector stand-in, a real SDK client sending to it, and chat memories
 * by memory id. Register it with {@code @RegisterExtension}; it is closed after each test.
 */
public final class Harness extends CollectedAnalytics {
  private final Map<Object, ChatMemory> memories = new ConcurrentHashMap<>();

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
}
