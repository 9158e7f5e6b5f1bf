package dev.parley.springai.internal;

import dev.parley.instrumentation.ToolRun;
import dev.parley.instrumentation.TrackedConversation;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

/**
 * One ChatClient exchange in progress: the user's chat message and the tools observed running
 * for it. Thread-safe: tools may be observed on other threads than the one that started it.
 */
final class ChatTurn {
  private final String conversationKey;
  private final TrackedConversation conversation;
  private final String sentMessageId;
  private final boolean streaming;
  private final long startNanos = System.nanoTime();
  private final List<ToolRun> tools = new ArrayList<>();

  ChatTurn(String conversationKey, TrackedConversation conversation, String sentMessageId, boolean streaming) {
    this.conversationKey = conversationKey;
    this.conversation = conversation;
    this.sentMessageId = sentMessageId;
    this.streaming = streaming;
  }

  String conversationKey() {
    return conversationKey;
  }

  TrackedConversation conversation() {
    return conversation;
  }

  String sentMessageId() {
    return sentMessageId;
  }

  boolean streaming() {
    return streaming;
  }

  Duration elapsed() {
    return Duration.ofNanos(System.nanoTime() - startNanos);
  }

  synchronized void toolObserved(ToolRun tool) {
    tools.add(tool);
  }

  /** The tool runs seen through their {@code spring.ai.tool} observations, in order. */
  synchronized List<ToolRun> tools() {
    return List.copyOf(tools);
  }
}
