package dev.parley.springai;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.parley.sdk.Identity;
import io.micrometer.common.KeyValue;
import io.micrometer.observation.Observation;
import io.micrometer.observation.ObservationRegistry;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.springframework.ai.chat.client.ChatClientRequest;
import org.springframework.ai.chat.client.observation.ChatClientObservationContext;
import org.springframework.ai.chat.memory.ChatMemory;
import org.springframework.ai.chat.messages.AssistantMessage;
import org.springframework.ai.chat.messages.SystemMessage;
import org.springframework.ai.chat.messages.ToolResponseMessage;
import org.springframework.ai.chat.messages.UserMessage;
import org.springframework.ai.chat.metadata.ChatGenerationMetadata;
import org.springframework.ai.chat.model.ChatResponse;
import org.springframework.ai.chat.model.Generation;
import org.springframework.ai.chat.observation.ChatModelObservationContext;
import org.springframework.ai.chat.prompt.Prompt;

/** What {@link ParleyObservationFilter} adds to a model call's observation, and when it adds nothing. */
class ParleyObservationFilterTest {
  private static final ObjectMapper JSON = new ObjectMapper();
  private final ObservationRegistry registry = ObservationRegistry.create();

  ParleyObservationFilterTest() {
    registry.observationConfig().observationHandler(context -> true); // without a handler, observations are no-ops
  }

  @Test
  void aModelCallInsideAChatClientCallGetsItsConversationUserAndMessages() throws Exception {
    var call = new AssistantMessage.ToolCall("call-1", "function", "stockPrice", "{\"ticker\":\"ACME\"}");
    Prompt prompt = new Prompt(List.of(new SystemMessage("Be brief."), new UserMessage("What is ACME worth?"),
        AssistantMessage.builder().content("").toolCalls(List.of(call)).build(),
        ToolResponseMessage.builder().responses(List.of(new ToolResponseMessage.ToolResponse("call-1", "stockPrice",
            "42"))).build()));
    ChatModelObservationContext model = insideChatClient(prompt, Map.of(ChatMemory.CONVERSATION_ID, "c-1"));
    model.setResponse(new ChatResponse(List.of(new Generation(new AssistantMessage("Answer: 42"),
        ChatGenerationMetadata.builder().finishReason("STOP").build()))));

    ParleyObservationFilter.builder().identityResolver(id -> Identity.userId("u-" + id)).captureContent(true).build()
        .map(model);

    assertThat(value(model, "gen_ai.conversation.id")).isEqualTo("c-1");
    assertThat(value(model, "user.id")).isEqualTo("u-c-1");
    JsonNode input = JSON.readTree(value(model, "gen_ai.input.messages"));
    assertThat(input.toString()).isEqualTo("[{\"role\":\"system\",\"parts\":[{\"type\":\"text\",\"content\":\"Be brief.\"}]},"
        + "{\"role\":\"user\",\"parts\":[{\"type\":\"text\",\"content\":\"What is ACME worth?\"}]},"
        + "{\"role\":\"assistant\",\"parts\":[{\"type\":\"tool_call\",\"id\":\"call-1\",\"name\":\"stockPrice\","
        + "\"arguments\":\"{\\\"ticker\\\":\\\"ACME\\\"}\"}]},"
        + "{\"role\":\"tool\",\"parts\":[{\"type\":\"tool_call_response\",\"id\":\"call-1\",\"name\":\"stockPrice\","
        + "\"response\":\"42\"}]}]");
    assertThat(value(model, "gen_ai.output.messages")).isEqualTo("[{\"role\":\"assistant\",\"parts\":[{\"type\":"
        + "\"text\",\"content\":\"Answer: 42\"}],\"finish_reason\":\"stop\"}]");
    assertThat(model.getLowCardinalityKeyValues()).as("metrics' tags are untouched").isEmpty();
  }

  @Test
  void withoutOptingInNoContentAndWithoutAConversationIdTheAdvisorsDefault() {
    ChatModelObservationContext model = insideChatClient(new Prompt("hi"), Map.of());
    ParleyObservationFilter.builder().build().map(model);
    assertThat(value(model, "gen_ai.conversation.id")).isEqualTo("default");
    assertThat(model.getHighCardinalityKeyValues().stream().map(KeyValue::getKey)).containsExactly(
        "gen_ai.conversation.id");
  }

  @Test
  void aModelCalledOutsideAChatClientGetsNothing() {
    ChatModelObservationContext model = ChatModelObservationContext.builder().prompt(new Prompt("hi"))
        .provider("scripted").build();
    ParleyObservationFilter.builder().captureContent(true).build().map(model);
    assertThat(model.getHighCardinalityKeyValues()).isEmpty();
  }

  @Test
  void valuesAlreadySetAreKeptAndAFailingResolverGivesNoUser() {
    ChatModelObservationContext model = insideChatClient(new Prompt("hi"), Map.of(ChatMemory.CONVERSATION_ID, "c-2"));
    model.addHighCardinalityKeyValue(KeyValue.of("gen_ai.conversation.id", "mine"));
    ParleyObservationFilter.builder().identityResolver(id -> {
      throw new IllegalStateException("no directory");
    }).build().map(model);
    assertThat(value(model, "gen_ai.conversation.id")).isEqualTo("mine");
    assertThat(model.getHighCardinalityKeyValue("user.id")).isNull();
  }

  /** A model call's context whose parent is a started ChatClient observation of a request with this advisor context. */
  private ChatModelObservationContext insideChatClient(Prompt prompt, Map<String, Object> advisorContext) {
    ChatClientObservationContext client = ChatClientObservationContext.builder()
        .request(ChatClientRequest.builder().prompt(new Prompt("hi")).context(advisorContext).build()).build();
    Observation parent = Observation.start("spring.ai.chat.client", () -> client, registry);
    ChatModelObservationContext model = ChatModelObservationContext.builder().prompt(prompt).provider("scripted")
        .build();
    model.setParentObservation(parent);
    return model;
  }

  private static String value(Observation.Context context, String key) {
    KeyValue value = context.getHighCardinalityKeyValue(key);
    return value == null ? null : value.getValue();
  }
}
