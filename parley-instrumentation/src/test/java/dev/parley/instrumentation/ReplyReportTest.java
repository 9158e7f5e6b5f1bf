package dev.parley.instrumentation;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

class ReplyReportTest {
  @Test
  void theCommonPropertiesComeFirstInAFixedOrderAndUnknownOnesAreLeftOut() {
    ReplyReport report = ReplyReport.builder("Answer: 42", Duration.ofMillis(1_500))
        .property("streaming", true)
        .finishReason("TOOL_CALLS")
        .tokens(10, null, 10)
        .model("m-1")
        .build();

    assertThat(report.properties().keySet()).containsExactly(
        "model", "input_tokens", "total_tokens", "finish_reason", "latency_ms", "streaming");
    assertThat(report.properties()).containsEntry("finish_reason", "tool_calls").containsEntry("latency_ms", 1_500L);
  }

  @Test
  void withoutModelTokensOrFinishReasonOnlyTheLatencyAndTheIntegrationsPropertiesAreSent() {
    ReplyReport report = ReplyReport.builder("[no text]", Duration.ZERO).model(null).tokens(null, null, null)
        .finishReason(null).property("ai_service", "Assistant.chat").build();

    assertThat(report.properties().keySet()).containsExactly("latency_ms", "ai_service");
    assertThat(report.tools()).isEmpty();
    assertThat(report.media()).isEmpty();
  }

  @Test
  void theReportKeepsItsOwnCopies() {
    List<ToolRun> tools = new ArrayList<>(List.of(ToolRun.unobserved("lookup", null)));
    ReplyReport report = ReplyReport.builder("Answer: 42", Duration.ZERO).tools(tools).build();

    tools.clear();

    assertThat(report.tools()).extracting(ToolRun::name).containsExactly("lookup");
    assertThatThrownBy(() -> report.properties().put("model", "m-2")).isInstanceOf(UnsupportedOperationException.class);
  }
}
