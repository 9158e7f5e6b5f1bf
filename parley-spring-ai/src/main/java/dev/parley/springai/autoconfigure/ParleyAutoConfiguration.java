package dev.parley.springai.autoconfigure;

import dev.parley.sdk.CopilotAnalytics;
import dev.parley.springai.IdentityResolver;
import dev.parley.springai.ParleyAdvisor;
import io.micrometer.observation.ObservationHandler;
import io.micrometer.observation.ObservationRegistry;
import org.springframework.ai.chat.client.ChatClient;
import org.springframework.ai.chat.client.ChatClientCustomizer;
import org.springframework.ai.tool.observation.ToolCallingObservationContext;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.boot.autoconfigure.AutoConfiguration;
import org.springframework.boot.autoconfigure.condition.ConditionalOnClass;
import org.springframework.boot.autoconfigure.condition.ConditionalOnMissingBean;
import org.springframework.boot.autoconfigure.condition.ConditionalOnProperty;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.context.annotation.Bean;

/**
 * Spring Boot auto-configuration: with {@code parley.write-key} set, every ChatClient built
 * from Spring AI's {@code ChatClient.Builder} gets a {@link ParleyAdvisor}, and tool runs are
 * reported through the application's {@link ObservationRegistry}.
 *
 * <p>Beans, each replaceable by one of your own: a {@link CopilotAnalytics} client (closed at
 * shutdown), the {@link ParleyAdvisor} (using an {@link IdentityResolver} bean if there is
 * one), a {@link ChatClientCustomizer} that adds it, and its tool observation handler. Without
 * Spring Boot Actuator there is no {@code ObservationRegistry}; this configuration then
 * provides one, so that tools are still seen.
 */
@AutoConfiguration(
    afterName = "org.springframework.boot.actuate.autoconfigure.observation.ObservationAutoConfiguration",
    beforeName = {
        "org.springframework.ai.model.chat.client.autoconfigure.ChatClientAutoConfiguration",
        "org.springframework.ai.model.tool.autoconfigure.ToolCallingAutoConfiguration"})
@ConditionalOnClass({ChatClient.class, CopilotAnalytics.class})
@ConditionalOnProperty(prefix = "parley", name = "write-key")
@EnableConfigurationProperties(ParleyProperties.class)
public class ParleyAutoConfiguration {
  /** The SDK client, built from {@code parley.*}. */
  @Bean(destroyMethod = "close")
  @ConditionalOnMissingBean
  public CopilotAnalytics parleyAnalytics(ParleyProperties properties) {
    CopilotAnalytics.Builder builder = CopilotAnalytics.builder(properties.writeKey());
    if (properties.endpoint() != null) {
      builder.endpoint(properties.endpoint());
    }
    if (properties.flushAt() != null) {
      builder.flushAt(properties.flushAt());
    }
    if (properties.flushInterval() != null) {
      builder.flushInterval(properties.flushInterval());
    }
    return builder.build();
  }

  /** The advisor, with the application's {@link IdentityResolver} bean if it has one. */
  @Bean
  @ConditionalOnMissingBean
  public ParleyAdvisor parleyAdvisor(CopilotAnalytics analytics, ParleyProperties properties,
      ObjectProvider<IdentityResolver> identities) {
    ParleyAdvisor.Builder builder = ParleyAdvisor.builder(analytics)
        .captureToolArguments(properties.captureToolArguments());
    identities.ifAvailable(builder::identityResolver);
    return builder.build();
  }

  /** Adds the advisor to every ChatClient built from the auto-configured builder. */
  @Bean
  public ChatClientCustomizer parleyChatClientCustomizer(ParleyAdvisor advisor) {
    return builder -> builder.defaultAdvisors(advisor);
  }

  /** Reports tool runs; Spring Boot registers observation handler beans on its registry. */
  @Bean
  public ObservationHandler<ToolCallingObservationContext> parleyToolObservationHandler(ParleyAdvisor advisor) {
    return advisor.toolObservationHandler();
  }

  /** A registry for applications without Actuator, so that tool runs are observed at all. */
  @Bean
  @ConditionalOnMissingBean
  public ObservationRegistry parleyObservationRegistry(ParleyAdvisor advisor) {
    ObservationRegistry registry = ObservationRegistry.create();
    registry.observationConfig().observationHandler(advisor.toolObservationHandler());
    return registry;
  }
}
