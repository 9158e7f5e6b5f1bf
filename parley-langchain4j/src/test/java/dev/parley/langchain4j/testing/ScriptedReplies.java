package dev.parley.langchain4j.testing;

import dev.langchain4j.agent.tool.ToolExecutionRequest;
import dev.langchain4j.agent.tool.ToolSpecification;
import dev.langchain4j.data.message.AiMessage;
import dev.langchain4j.data.message.ChatMessage;
import dev.langchain4j.data.message.ToolExecutionResultMessage;
import dev.langchain4j.data.message.UserMessage;
import dev.langchain4j.model.chat.request.ChatRequest;
import dev.langchain4j.model.chat.response.ChatResponse;
import dev.langchain4j.model.output.FinishReason;
import dev.langchain4j.model.output.TokenUsage;
import java.util.List;

/**
 * The script both scripted models follow, decided from the request alone (so it is
 * thread-safe): a user's message is answered with a call of the first tool offered, with
 * {@code "ACME"} for each of its parameters; a tool's result is answered with the text
 * {@code "Answer: " + result}. A user's message containing "fail" makes the model throw.
 */
public final class ScriptedReplies {
  public static final String MODEL_NAME = "scripted-1";

  private ScriptedReplies() {}

  public static ChatResponse replyTo(ChatRequest request) {
    List<ChatMessage> messages = request.messages();
    ChatMessage last = messages.get(messages.size() - 1);
    if (last instanceof UserMessage user) {
      if (user.singleText().contains("fail")) {
        throw new IllegalStateException("scripted model failure");
      }
      List<ToolSpecification> tools = request.toolSpecifications();
      if (tools != null && !tools.isEmpty()) {
        return response(AiMessage.from(toolCall(tools.get(0))), FinishReason.TOOL_EXECUTION, 10, 5);
      }
      return response(AiMessage.from("No tools: " + user.singleText()), FinishReason.STOP, 10, 5);
    }
    if (last instanceof ToolExecutionResultMessage result) {
      return response(AiMessage.from("Answer: " + result.text()), FinishReason.STOP, 20, 7);
    }
    throw new IllegalStateException("unexpected last message " + last.type());
  }

  private static ToolExecutionRequest toolCall(ToolSpecification tool) {
    StringBuilder arguments = new StringBuilder("{");
    if (tool.parameters() != null) {
      for (String name : tool.parameters().properties().keySet()) {
        arguments.append(arguments.length() > 1 ? "," : "").append('"').append(name).append("\":\"ACME\"");
      }
    }
    return ToolExecutionRequest.builder().id("call-1").name(tool.name()).arguments(arguments.append('}').toString()).build();
  }

  private static ChatResponse response(AiMessage message, FinishReason reason, int in, int out) {
    return ChatResponse.builder()
        .aiMessage(message)
        .modelName(MODEL_NAME)
        .finishReason(reason)
        .tokenUsage(new TokenUsage(in, out))
        .build();
  }
}
