package dev.parley.instrumentation;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.parley.sdk.Usage;
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

    assertThat(report.properties().keySet()).containsExactly("total_tokens", "finish_reason", "latency_ms", "streaming");
    assertThat(report.properties()).containsEntry("finish_reason", "tool_calls").containsEntry("latency_ms", 1_500L);
  }

  @Test
  void theModelAndTokenCountsAreTheReplysUsageNotExtraProperties() {
    ReplyReport report = ReplyReport.builder("Answer: 42", Duration.ZERO).model("m-1").tokens(30, 12, 42).build();

    assertThat(report.usage()).isEqualTo(Usage.of("m-1", 30, 12));
    assertThat(report.usage().cost()).isEmpty();
    assertThat(report.properties()).doesNotContainKeys("model", "input_tokens", "output_tokens", "cost")
        .containsEntry("total_tokens", 42);
  }

  @Test
  void whatTheFrameworkDidNotSayOrSaidWronglyIsLeftOutOfTheUsage() {
    ReplyReport partial = ReplyReport.builder("Answer: 42", Duration.ZERO).tokens(10, null, null).build();
    ReplyReport wrong = ReplyReport.builder("Answer: 42", Duration.ZERO).model(" ").tokens(-1, 5, -1).build();

    assertThat(partial.usage()).isEqualTo(Usage.builder().inputTokens(10).build());
    assertThat(wrong.usage()).isEqualTo(Usage.builder().outputTokens(5).build());
    assertThat(wrong.properties()).doesNotContainKey("total_tokens");
  }

  @Test
  void withoutModelTokensOrFinishReasonOnlyTheLatencyAndTheIntegrationsPropertiesAreSent() {
    ReplyReport report = ReplyReport.builder("[no text]", Duration.ZERO).model(null).tokens(null, null, null)
        .finishReason(null).property("ai_service", "Assistant.chat").build();

    assertThat(report.properties().keySet()).containsExactly("latency_ms", "ai_service");
    assertThat(report.usage().isEmpty()).isTrue();
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
