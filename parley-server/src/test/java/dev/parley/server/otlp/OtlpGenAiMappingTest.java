package dev.parley.server.otlp;

import static dev.parley.server.otlp.OtlpRequests.attribute;
import static dev.parley.server.otlp.OtlpRequests.chat;
import static dev.parley.server.otlp.OtlpRequests.request;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.opentelemetry.proto.common.v1.AnyValue;
import io.opentelemetry.proto.common.v1.ArrayValue;
import java.util.List;
import org.junit.jupiter.api.Test;

/** The rules of {@link GenAiSpanMapper} that keep one user turn one Message Sent and one Message Received. */
class OtlpGenAiMappingTest {
  private final GenAiSpanMapper mapper = new GenAiSpanMapper(new ObjectMapper());

  private List<String> events(SpanMapping mapping) {
    return mapping.events().stream().map(e -> e.message().get("event").asText() + ": "
        + e.message().at("/properties/message_body").asText("")).toList();
  }

  @Test
  void aCallThatAsksForToolsThenOneThatAnswersMakeOneTurn() {
    AnyValue toolCalls = AnyValue.newBuilder().setArrayValue(ArrayValue.newBuilder()
        .addValues(AnyValue.newBuilder().setStringValue("tool_calls"))).build();
    SpanMapping mapping = mapper.map(request(
        chat("c", 0, attribute("gen_ai.input.messages", "[{\"role\":\"user\",\"content\":\"weather?\"}]"),
            attribute("gen_ai.output.messages", "[{\"role\":\"assistant\",\"parts\":[{\"type\":\"tool_call\","
                + "\"name\":\"weather\"}]}]"), attribute("gen_ai.response.finish_reasons", toolCalls)),
        chat("c", 2, attribute("gen_ai.input.messages", "[{\"role\":\"user\",\"content\":\"weather?\"},"
            + "{\"role\":\"tool\",\"parts\":[{\"type\":\"tool_call_response\",\"response\":\"sunny\"}]}]"),
            attribute("gen_ai.output.messages", "[{\"role\":\"assistant\",\"content\":\"It is sunny.\"}]"))));
    assertThat(events(mapping)).containsExactly("Message Sent: weather?", "Message Received: It is sunny.");
  }

  @Test
  void withoutContentAToolCallStopGivesNoReplyAndAFailedCallNone() {
    AnyValue toolCalls = AnyValue.newBuilder().setArrayValue(ArrayValue.newBuilder()
        .addValues(AnyValue.newBuilder().setStringValue("tool_calls"))).build();
    var failed = chat("c", 4);
    failed.getStatusBuilder().setCode(io.opentelemetry.proto.trace.v1.Status.StatusCode.STATUS_CODE_ERROR);
    SpanMapping mapping = mapper.map(request(chat("c", 0, attribute("gen_ai.response.finish_reasons", toolCalls)),
        failed));
    assertThat(events(mapping)).containsExactly("Message Sent: [NOT CAPTURED]", "Message Sent: [NOT CAPTURED]");
  }

  @Test
  void openLlmetryIndexedContentAndOlderTokenNamesAreRead() {
    SpanMapping mapping = mapper.map(request(chat("c", 0, attribute("gen_ai.prompt.0.role", "system"),
        attribute("gen_ai.prompt.0.content", "be brief"), attribute("gen_ai.prompt.1.role", "user"),
        attribute("gen_ai.prompt.1.content", "hello"), attribute("gen_ai.completion.0.role", "assistant"),
        attribute("gen_ai.completion.0.content", "hi!"), attribute("gen_ai.completion.0.finish_reason", "stop"),
        attribute("gen_ai.usage.prompt_tokens", AnyValue.newBuilder().setIntValue(7).build()))));
    assertThat(events(mapping)).containsExactly("Message Sent: hello", "Message Received: hi!");
    assertThat(mapping.events().get(1).message().at("/properties/input_tokens").asLong()).isEqualTo(7);
    assertThat(mapping.events().get(1).message().at("/properties/finish_reason").asText()).isEqualTo("stop");
  }

  @Test
  void springAiToolRunsBetweenTwoModelCallsBelongToTheReplyOfTheSecond() {
    // As Spring AI's observations come out of Micrometer's OpenTelemetry bridge: the ChatClient's span
    // (operation "framework"), and under it a model call that asks for a tool, the tool run (a
    // "framework" span of kind tool_call), and the model call that answers; every value a string.
    var client = chat("c", 0).setAttributes(0, attribute("gen_ai.operation.name", "framework"))
        .addAttributes(attribute("spring.ai.kind", "chat_client"));
    var asks = sibling(client, chat("c", 0, attribute("gen_ai.response.finish_reasons", "[\"TOOL_CALLS\"]")));
    var tool = sibling(client, chat("c", 1).setAttributes(0, attribute("gen_ai.operation.name", "framework"))
        .addAttributes(attribute("spring.ai.kind", "tool_call"))
        .addAttributes(attribute("spring.ai.tool.definition.name", "stockPrice")));
    var answers = sibling(client, chat("c", 2, attribute("gen_ai.response.finish_reasons", "[\"STOP\"]"),
        attribute("gen_ai.usage.input_tokens", "30"), attribute("gen_ai.response.model", "m-1")));
    SpanMapping mapping = mapper.map(request(client, asks, tool, answers));
    assertThat(events(mapping)).containsExactly("Message Sent: [NOT CAPTURED]", "Action Invoked: ",
        "Message Received: [NOT CAPTURED]");
    var action = mapping.events().get(1).message().get("properties");
    var reply = mapping.events().get(2).message().get("properties");
    assertThat(action.get("action").asText()).isEqualTo("stockPrice");
    assertThat(action.get("messageId").asText()).isEqualTo(reply.get("messageId").asText());
    assertThat(reply.get("finish_reason").asText()).isEqualTo("stop");
    assertThat(reply.get("input_tokens").asLong()).isEqualTo(30);
    assertThat(mapping.ignored()).as("the ChatClient's span").isEqualTo(1);
  }

  @Test
  void toolRunsOfSeveralRoundsBelongToTheReplyThatFollowsThem() {
    var client = chat("c", 0).setAttributes(0, attribute("gen_ai.operation.name", "framework"));
    var stop = attribute("gen_ai.response.finish_reasons", "[\"STOP\"]");
    var tools = attribute("gen_ai.response.finish_reasons", "[\"TOOL_CALLS\"]");
    // Listed out of order: the rules go by start time.
    SpanMapping mapping = mapper.map(request(client,
        sibling(client, chat("c", 6, stop)), sibling(client, tool(5, "second")), sibling(client, chat("c", 4, tools)),
        sibling(client, tool(3, "first")), sibling(client, chat("c", 2, tools)), sibling(client, chat("c", 0, tools)),
        sibling(client, tool(1, "alone")).setTraceId(chat("other", 0).getTraceId())));
    assertThat(events(mapping)).containsExactly("Message Received: [NOT CAPTURED]", "Action Invoked: ",
        "Action Invoked: ", "Message Sent: [NOT CAPTURED]", "Action Invoked: ");
    String reply = mapping.events().get(0).message().at("/properties/messageId").asText();
    assertThat(mapping.events().get(1).message().at("/properties/messageId").asText()).isEqualTo(reply);
    assertThat(mapping.events().get(2).message().at("/properties/messageId").asText()).isEqualTo(reply);
    assertThat(mapping.events().get(4).message().at("/properties/messageId").asText())
        .as("a tool run of another trace has no reply beside it").isNotEqualTo(reply).endsWith("-tool");
  }

  private static io.opentelemetry.proto.trace.v1.Span.Builder tool(int second, String name) {
    return chat("c", second).setAttributes(0, attribute("gen_ai.operation.name", "framework"))
        .addAttributes(attribute("spring.ai.kind", "tool_call"))
        .addAttributes(attribute("spring.ai.tool.definition.name", name));
  }

  /** The span made a child of {@code parent}, in its trace. */
  private static io.opentelemetry.proto.trace.v1.Span.Builder sibling(
      io.opentelemetry.proto.trace.v1.Span.Builder parent, io.opentelemetry.proto.trace.v1.Span.Builder span) {
    return span.setTraceId(parent.getTraceId()).setParentSpanId(parent.getSpanId());
  }

  @Test
  void spansWithoutAConversationOrOfOtherOperationsAreCountedAndSkipped() {
    var embeddings = chat("c", 0).setAttributes(0, attribute("gen_ai.operation.name", "embeddings"));
    var noConversation = chat("c", 2).removeAttributes(1);
    SpanMapping mapping = mapper.map(request(embeddings, noConversation));
    assertThat(mapping.events()).isEmpty();
    assertThat(mapping.ignored()).isEqualTo(1);
    assertThat(mapping.withoutConversation()).isEqualTo(1);
  }

  @Test
  void theSameSpanAlwaysGivesTheSameIds() {
    var span = chat("c", 0).build();
    SpanMapping once = mapper.map(request(List.of(span)));
    SpanMapping again = mapper.map(request(List.of(span)));
    assertThat(once.events().stream().map(e -> e.message().get("messageId").asText()).toList())
        .isEqualTo(again.events().stream().map(e -> e.message().get("messageId").asText()).toList())
        .allMatch(id -> id.startsWith("otlp-") && id.length() < 100);
  }
}
