package dev.parley.langchain4j.testing;

import dev.langchain4j.model.chat.StreamingChatModel;
import dev.langchain4j.model.chat.request.ChatRequest;
import dev.langchain4j.model.chat.response.ChatResponse;
import dev.langchain4j.model.chat.response.StreamingChatResponseHandler;

/**
 * A streaming chat model that follows {@link ScriptedReplies}, streaming a text reply word by
 * word on a thread of its own, as real streaming models call back on their own threads.
 */
public final class ScriptedStreamingChatModel implements StreamingChatModel {
  @Override
  public void doChat(ChatRequest request, StreamingChatResponseHandler handler) {
    Thread thread = new Thread(() -> {
      ChatResponse response;
      try {
        response = ScriptedReplies.replyTo(request);
      } catch (RuntimeException e) {
        handler.onError(e);
        return;
      }
      String text = response.aiMessage().text();
      if (text != null) {
        for (String word : text.split("(?<= )")) {
          handler.onPartialResponse(word);
        }
      }
      handler.onCompleteResponse(response);
    }, "scripted-stream");
    thread.start();
  }
}
