package dev.parley.demo.langchain4j;

import dev.langchain4j.service.MemoryId;
import dev.langchain4j.service.UserMessage;

/** The AI Service the demo's LangChain4j copilot answers through. */
public interface InventoryAssistant {
  String chat(@MemoryId String customer, @UserMessage String question);
}
