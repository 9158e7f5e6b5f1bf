package dev.parley.springai.autoconfigure;

import static dev.parley.instrumentation.testing.EventChecks.assertAllValid;
import static dev.parley.instrumentation.testing.EventChecks.names;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import dev.parley.instrumentation.testing.CollectorStandIn;
import dev.parley.sdk.CopilotAnalytics;
import dev.parley.sdk.Identity;
import dev.parley.springai.IdentityResolver;
import dev.parley.springai.ParleyAdvisor;
import dev.parley.springai.testing.ScriptedChatModel;
import dev.parley.springai.testing.StockTools;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.springframework.ai.chat.client.ChatClient;
import org.springframework.ai.chat.memory.ChatMemory;
import org.springframework.ai.chat.model.ChatModel;
import org.springframework.ai.model.chat.client.autoconfigure.ChatClientAutoConfiguration;
import org.springframework.ai.model.tool.ToolCallingManager;
import org.springframework.ai.model.tool.autoconfigure.ToolCallingAutoConfiguration;
import org.springframework.boot.autoconfigure.AutoConfigurations;
import org.springframework.boot.test.context.runner.ApplicationContextRunner;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/** Parley's auto-configuration next to Spring AI's own ChatClient and tool-calling ones. */
class ParleyAutoConfigurationTest {
  private final ApplicationContextRunner runner = new ApplicationContextRunner()
      .withConfiguration(AutoConfigurations.of(ParleyAutoConfiguration.class, ChatClientAutoConfiguration.class,
          ToolCallingAutoConfiguration.class))
      .withUserConfiguration(ScriptedModelConfiguration.class);

  @Test
  void withoutAWriteKeyNothingIsConfigured() {
    runner.run(context -> assertThat(context).doesNotHaveBean(ParleyAdvisor.class)
        .doesNotHaveBean(CopilotAnalytics.class));
  }

  @Test
  void theDependencyAndAWriteKeyAreEnoughForChatClientsToSendEvents() throws Exception {
    try (CollectorStandIn collector = new CollectorStandIn()) {
      runner.withPropertyValues("parley.write-key=k-1", "parley.endpoint=" + collector.endpoint(),
              "parley.flush-interval=10s")
          .withBean(IdentityResolver.class, () -> conversationId -> Identity.userId("user-" + conversationId))
          .run(context -> {
            ChatClient chat = context.getBean(ChatClient.Builder.class).defaultTools(new StockTools()).build();

            String answer = chat.prompt().user("What is ACME worth?")
                .advisors(a -> a.param(ChatMemory.CONVERSATION_ID, "c-9")).call().content();

            assertThat(answer).isEqualTo("Answer: 42");
            context.getBean(CopilotAnalytics.class).flush();
            List<JsonNode> messages = collector.messages();
            assertThat(names(messages))
                .containsExactly("Conversation Started", "Message Sent", "Message Received", "Action Invoked");
            assertThat(messages).allSatisfy(m -> assertThat(m.path("userId").asText()).isEqualTo("user-c-9"));
            assertThat(messages.get(3).path("properties").path("duration_ms").isIntegralNumber()).isTrue();
            assertAllValid(messages);
          });
    }
  }

  @Configuration(proxyBeanMethods = false)
  static class ScriptedModelConfiguration {
    @Bean
    ChatModel scriptedChatModel(ToolCallingManager tools) {
      return new ScriptedChatModel(tools);
    }
  }
}
