package dev.parley.springai.testing;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import dev.parley.sdk.CopilotAnalytics;
import dev.parley.springai.ParleyAdvisor;
import dev.parley.spec.Validator;
import io.micrometer.observation.ObservationRegistry;
import java.io.IOException;
import java.time.Duration;
import java.util.List;
import java.util.function.UnaryOperator;
import org.springframework.ai.chat.client.ChatClient;
import org.springframework.ai.model.tool.ToolCallingManager;

/**
 * One test's world: a collector stand-in, a real SDK client sending to it, an observation
 * registry with Parley's tool handler, and a ChatClient over the scripted model.
 */
public final class Harness implements AutoCloseable {
  private static final Validator VALIDATOR = Validator.standard();

  private final CollectorStandIn collector;
  private final CopilotAnalytics analytics;

  public Harness() throws IOException {
    collector = new CollectorStandIn();
    analytics = CopilotAnalytics.builder("test-write-key")
        .endpoint(collector.endpoint())
        .flushInterval(Duration.ofMillis(200))
        // One upload at a time, so that arrival order is sending order, which the tests check.
        .maxConcurrentUploads(1)
        .build();
  }

  public CopilotAnalytics analytics() {
    return analytics;
  }

  /** A ChatClient over the scripted model, with the advisor and its tool observations wired in. */
  public ChatClient chatClient(ParleyAdvisor advisor) {
    return chatClient(advisor, UnaryOperator.identity());
  }

  public ChatClient chatClient(ParleyAdvisor advisor, UnaryOperator<ChatClient.Builder> customize) {
    ObservationRegistry registry = ObservationRegistry.create();
    registry.observationConfig().observationHandler(advisor.toolObservationHandler());
    ToolCallingManager tools = ToolCallingManager.builder().observationRegistry(registry).build();
    ChatClient.Builder builder = ChatClient.builder(new ScriptedChatModel(tools), registry, null, null)
        .defaultAdvisors(advisor)
        .defaultTools(new StockTools());
    return customize.apply(builder).build();
  }

  /** Waits until everything sent so far was delivered, and returns every message received. */
  public List<JsonNode> delivered() {
    analytics.flush();
    return collector.messages();
  }

  public static List<String> names(List<JsonNode> messages) {
    return messages.stream().map(m -> m.path("event").asText()).toList();
  }

  public static void assertAllValid(List<JsonNode> messages) {
    for (JsonNode message : messages) {
      assertThat(VALIDATOR.validate(message)).as("violations of %s", message).isEmpty();
    }
  }

  @Override
  public void close() {
    analytics.close();
    collector.close();
  }
}
