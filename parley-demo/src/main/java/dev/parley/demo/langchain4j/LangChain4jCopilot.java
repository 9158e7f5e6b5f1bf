package dev.parley.demo.langchain4j;

import dev.langchain4j.memory.chat.MessageWindowChatMemory;
import dev.langchain4j.service.AiServices;
import dev.parley.langchain4j.IdentityResolver;
import dev.parley.langchain4j.ParleyLangChain4j;
import dev.parley.sdk.CopilotAnalytics;

/**
 * A LangChain4j copilot wired the way a team would wire theirs: one line of Parley
 * instrumentation on the AI Service builder, then explicit calls only where the framework
 * has no hook (feedback, the end of a conversation). Thread-safe per customer.
 */
public final class LangChain4jCopilot {
  private final ParleyLangChain4j parley;
  private final InventoryAssistant assistant;

  public LangChain4jCopilot(CopilotAnalytics analytics) {
    this.parley = ParleyLangChain4j.builder(analytics).identityResolver(IdentityResolver.memoryIdAsUserId()).build();
    this.assistant = parley.instrument(AiServices.builder(InventoryAssistant.class)
        .chatModel(new ScriptedCopilotModel())
        .chatMemoryProvider(id -> MessageWindowChatMemory.withMaxMessages(20))
        .tools(new InventoryTools())).build();
  }

  /** Plays one customer's conversation: two questions, a rating of the last answer, the end. */
  public void playConversation(String customer, int rating) {
    assistant.chat(customer, "Do you have the Super Widget in stock?");
    assistant.chat(customer, "Can I get two by Friday?");
    parley.lastReplyId(customer).ifPresent(reply -> parley.feedback(customer, reply, rating));
    parley.end(customer);
  }
}
