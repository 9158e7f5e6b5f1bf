package dev.parley.langchain4j.testing;

import dev.langchain4j.model.chat.ChatModel;
import dev.langchain4j.model.chat.request.ChatRequest;
import dev.langchain4j.model.chat.response.ChatResponse;

/** A chat model that follows {@link ScriptedReplies}, without a network. Thread-safe. */
public final class ScriptedChatModel implements ChatModel {
  @Override
  public ChatResponse doChat(ChatRequest request) {
    return ScriptedReplies.replyTo(request);
  }
}
