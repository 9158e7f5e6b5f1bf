package dev.parley.demo.langchain4j;

import dev.langchain4j.agent.tool.ToolExecutionRequest;
import dev.langchain4j.agent.tool.ToolSpecification;
import dev.langchain4j.data.message.AiMessage;
import dev.langchain4j.data.message.ChatMessage;
import dev.langchain4j.data.message.ToolExecutionResultMessage;
import dev.langchain4j.data.message.UserMessage;
import dev.langchain4j.model.chat.ChatModel;
import dev.langchain4j.model.chat.request.ChatRequest;
import dev.langchain4j.model.chat.response.ChatResponse;
import dev.langchain4j.model.output.FinishReason;
import dev.langchain4j.model.output.TokenUsage;
import java.util.List;

/**
 * A chat model without a network, as the demo needs: a question is answered with a call of
 * the first tool offered, and the tool's result with a sentence. Stateless and thread-safe.
 */
public final class ScriptedCopilotModel implements ChatModel {
  /** The model name its replies give, which the demo's price table prices. */
  public static final String MODEL_NAME = "parley-demo-scripted";

  @Override
  public ChatResponse doChat(ChatRequest request) {
    List<ChatMessage> messages = request.messages();
    ChatMessage last = messages.get(messages.size() - 1);
    List<ToolSpecification> tools = request.toolSpecifications();
    if (last instanceof UserMessage && tools != null && !tools.isEmpty()) {
      ToolExecutionRequest call = ToolExecutionRequest.builder().id("call-" + messages.size())
          .name(tools.get(0).name()).arguments("{\"item\":\"Super Widget\"}").build();
      return response(AiMessage.from(call), FinishReason.TOOL_EXECUTION, 42, 12);
    }
    if (last instanceof ToolExecutionResultMessage result) {
      return response(AiMessage.from("We have " + result.text() + " Super Widgets in stock; they ship tomorrow."),
          FinishReason.STOP, 64, 18);
    }
    return response(AiMessage.from("How can I help with your order?"), FinishReason.STOP, 20, 8);
  }

  private static ChatResponse response(AiMessage message, FinishReason reason, int in, int out) {
    return ChatResponse.builder().aiMessage(message).modelName(MODEL_NAME).finishReason(reason)
        .tokenUsage(new TokenUsage(in, out)).build();
  }
}
