package dev.parley.langchain4j.internal;

import dev.langchain4j.data.message.ChatMessage;
import dev.langchain4j.store.memory.chat.ChatMemoryStore;
import java.util.List;

/**
 * A {@link ChatMemoryStore} that ends a memory id's conversation (Conversation Ended) when its
 * messages are deleted, which LangChain4j does on {@code ChatMemory.clear()} and on
 * {@code ChatMemoryAccess.evictChatMemory}. Reads and updates are passed through untouched.
 * Thread-safe if the delegate is.
 */
public final class EndingChatMemoryStore implements ChatMemoryStore {
  private final ChatMemoryStore delegate;
  private final Recorder recorder;

  public EndingChatMemoryStore(ChatMemoryStore delegate, Recorder recorder) {
    this.delegate = delegate;
    this.recorder = recorder;
  }

  @Override
  public List<ChatMessage> getMessages(Object memoryId) {
    return delegate.getMessages(memoryId);
  }

  @Override
  public void updateMessages(Object memoryId, List<ChatMessage> messages) {
    delegate.updateMessages(memoryId, messages);
  }

  @Override
  public void deleteMessages(Object memoryId) {
    delegate.deleteMessages(memoryId);
    recorder.conversations().end(memoryId);
  }
}
