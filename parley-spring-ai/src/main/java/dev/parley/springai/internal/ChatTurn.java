package dev.parley.springai.internal;

import dev.parley.instrumentation.TrackedConversation;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

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
  private final List<ObservedTool> tools = new ArrayList<>();

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

  synchronized void toolObserved(ObservedTool tool) {
    tools.add(tool);
  }

  synchronized List<ObservedTool> tools() {
    return List.copyOf(tools);
  }

  /** A tool run seen through its {@code spring.ai.tool} observation. */
  record ObservedTool(String name, Optional<String> arguments, Duration duration, boolean failed) {}
}
