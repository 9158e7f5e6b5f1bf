package dev.parley.springai.testing;

import dev.parley.instrumentation.testing.CollectedAnalytics;
import dev.parley.springai.ParleyAdvisor;
import io.micrometer.observation.ObservationRegistry;
import java.util.function.UnaryOperator;
import org.springframework.ai.chat.client.ChatClient;
import org.springframework.ai.model.tool.ToolCallingManager;

/**
 * One test's world: a collector stand-in, a real SDK client sending to it, an observation
 * registry with Parley's tool handler, and a ChatClient over the scripted model. Register it
 * with {@code @RegisterExtension}; it is closed after each test.
 */
public final class Harness extends CollectedAnalytics {
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
}
