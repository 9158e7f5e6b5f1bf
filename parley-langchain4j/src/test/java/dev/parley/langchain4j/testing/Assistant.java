package dev.parley.langchain4j.testing;

import dev.langchain4j.service.MemoryId;
import dev.langchain4j.service.TokenStream;
import dev.langchain4j.service.UserMessage;

/** The AI Service under test. */
public interface Assistant {
  String chat(@MemoryId String memoryId, @UserMessage String text);

  TokenStream stream(@MemoryId String memoryId, @UserMessage String text);
}
