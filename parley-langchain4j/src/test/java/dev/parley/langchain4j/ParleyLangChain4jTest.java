package dev.parley.langchain4j;

import static org.assertj.core.api.Assertions.assertThat;

import dev.parley.sdk.Identity;
import org.junit.jupiter.api.Test;

class ParleyLangChain4jTest {
  @Test
  void theDefaultConversationIdIsANameBasedUuidThatNeverChanges() {
    // A fixed value: changing the derivation would split every running conversation in two.
    assertThat(ParleyLangChain4j.defaultConversationId("alice")).isEqualTo("b038591b-d77b-39ce-bd4c-db3435dc521e");
    assertThat(ParleyLangChain4j.defaultConversationId(42L))
        .isEqualTo(ParleyLangChain4j.defaultConversationId("42"))
        .isNotEqualTo(ParleyLangChain4j.defaultConversationId("alice"));
  }

  @Test
  void theIdentityResolversSayWhoTheConversationIsAbout() {
    assertThat(IdentityResolver.anonymousPerConversation().resolve("alice", "c-1")).isEqualTo(Identity.anonymousId("c-1"));
    assertThat(IdentityResolver.memoryIdAsUserId().resolve("alice", "c-1")).isEqualTo(Identity.userId("alice"));
  }
}
