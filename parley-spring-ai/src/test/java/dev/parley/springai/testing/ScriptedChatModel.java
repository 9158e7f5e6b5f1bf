package dev.parley.springai.testing;

import io.micrometer.observation.ObservationRegistry;
import java.util.List;
import java.util.function.Consumer;
import org.springframework.ai.chat.messages.AssistantMessage;
import org.springframework.ai.chat.messages.Message;
import org.springframework.ai.chat.messages.ToolResponseMessage;
import org.springframework.ai.chat.messages.UserMessage;
import org.springframework.ai.chat.metadata.ChatGenerationMetadata;
import org.springframework.ai.chat.metadata.ChatResponseMetadata;
import org.springframework.ai.chat.metadata.DefaultUsage;
import org.springframework.ai.chat.model.ChatModel;
import org.springframework.ai.chat.model.ChatResponse;
import org.springframework.ai.chat.model.Generation;
import org.springframework.ai.chat.observation.ChatModelObservationContext;
import org.springframework.ai.chat.observation.ChatModelObservationDocumentation;
import org.springframework.ai.chat.observation.DefaultChatModelObservationConvention;
import org.springframework.ai.chat.prompt.ChatOptions;
import org.springframework.ai.chat.prompt.Prompt;
import org.springframework.ai.model.tool.ToolCallingChatOptions;
import org.springframework.ai.model.tool.ToolCallingManager;
import org.springframework.ai.model.tool.ToolExecutionResult;
import org.springframework.ai.tool.ToolCallback;
import reactor.core.publisher.Flux;
import reactor.core.scheduler.Schedulers;

/**
 * A chat model without a network that behaves like Spring AI's provider models: a user's
 * message is answered with a call of the first tool offered (argument {@code ticker: "ACME"}),
 * which the model runs itself through a {@link ToolCallingManager}; the tool's result is
 * answered with the text {@code "Answer: " + result}. A user message containing "fail" makes
 * it throw. Streaming runs tools on a scheduler thread and streams the text word by word.
 *
 * <p>Given an {@link ObservationRegistry}, a blocking call is observed as the provider models
 * observe theirs (OpenAiChatModel, for one): each request to the "provider" is a
 * {@code gen_ai.client.operation} observation of its own, made with Spring AI's
 * {@link DefaultChatModelObservationConvention}, and the tools run between two of them, outside
 * both. The work given runs inside each observation, as the provider's answer would take time.
 * Streams are not observed. Thread-safe.
 */
public final class ScriptedChatModel implements ChatModel {
  public static final String MODEL_NAME = "scripted-1";
  /** The provider its observations name ({@code gen_ai.system}). */
  public static final String PROVIDER = "scripted";
  private static final DefaultChatModelObservationConvention CONVENTION = new DefaultChatModelObservationConvention();

  private final ToolCallingManager tools;
  private final ObservationRegistry observations;
  private final Consumer<Prompt> work;

  public ScriptedChatModel(ToolCallingManager tools) {
    this(tools, ObservationRegistry.NOOP, prompt -> { });
  }

  /** A model whose calls are observed on {@code observations}, each running {@code work} before it answers. */
  public ScriptedChatModel(ToolCallingManager tools, ObservationRegistry observations, Consumer<Prompt> work) {
    this.tools = tools;
    this.observations = observations;
    this.work = work;
  }

  @Override
  public ChatResponse call(Prompt prompt) {
    ChatModelObservationContext context = ChatModelObservationContext.builder().prompt(prompt).provider(PROVIDER)
        .build();
    ChatResponse response = ChatModelObservationDocumentation.CHAT_MODEL_OPERATION
        .observation(null, CONVENTION, () -> context, observations)
        .observe(() -> {
          work.accept(prompt);
          ChatResponse answer = replyTo(prompt);
          context.setResponse(answer);
          return answer;
        });
    if (response.hasToolCalls()) {
      ToolExecutionResult result = tools.executeToolCalls(prompt, response);
      return call(new Prompt(result.conversationHistory(), prompt.getOptions()));
    }
    return response;
  }

  @Override
  public Flux<ChatResponse> stream(Prompt prompt) {
    return Flux.defer(() -> {
      ChatResponse response = replyTo(prompt);
      if (response.hasToolCalls()) {
        return Flux.defer(() -> {
          ToolExecutionResult result = tools.executeToolCalls(prompt, response);
          return stream(new Prompt(result.conversationHistory(), prompt.getOptions()));
        }).subscribeOn(Schedulers.boundedElastic());
      }
      String[] words = response.getResult().getOutput().getText().split("(?<= )");
      return Flux.range(0, words.length).map(i -> i < words.length - 1
          ? new ChatResponse(List.of(new Generation(new AssistantMessage(words[i]))))
          : response(words[i], List.of(), "STOP", 20, 7));
    });
  }

  @Override
  public ChatOptions getDefaultOptions() {
    return ToolCallingChatOptions.builder().build();
  }

  private static ChatResponse replyTo(Prompt prompt) {
    List<Message> messages = prompt.getInstructions();
    Message last = messages.get(messages.size() - 1);
    if (last instanceof UserMessage user) {
      if (user.getText().contains("fail")) {
        throw new IllegalStateException("scripted model failure");
      }
      List<ToolCallback> callbacks = prompt.getOptions() instanceof ToolCallingChatOptions options
          ? options.getToolCallbacks() : List.of();
      if (!callbacks.isEmpty()) {
        String name = callbacks.get(0).getToolDefinition().name();
        var call = new AssistantMessage.ToolCall("call-1", "function", name, "{\"ticker\":\"ACME\"}");
        return response("", List.of(call), "TOOL_CALLS", 10, 5);
      }
      return response("No tools: " + user.getText(), List.of(), "STOP", 10, 5);
    }
    if (last instanceof ToolResponseMessage result) {
      return response("Answer: " + result.getResponses().get(0).responseData(), List.of(), "STOP", 20, 7);
    }
    throw new IllegalStateException("unexpected last message " + last.getMessageType());
  }

  private static ChatResponse response(String text, List<AssistantMessage.ToolCall> calls, String finishReason,
      int in, int out) {
    AssistantMessage message = AssistantMessage.builder().content(text).toolCalls(calls).build();
    Generation generation = new Generation(message, ChatGenerationMetadata.builder().finishReason(finishReason).build());
    return new ChatResponse(List.of(generation),
        ChatResponseMetadata.builder().model(MODEL_NAME).usage(new DefaultUsage(in, out)).build());
  }
}
