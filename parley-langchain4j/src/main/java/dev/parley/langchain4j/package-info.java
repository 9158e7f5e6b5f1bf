/**
 * Automatic AI Copilot events for LangChain4j AI Services.
 *
 * <p>{@link dev.parley.langchain4j.ParleyLangChain4j} registers listeners on an
 * {@code AiServices} builder and turns each invocation into Conversation Started, Message
 * Sent, Message Received, Action Invoked and Media Generated events sent through the Parley
 * SDK. Everything here is non-null unless documented otherwise.
 */
package dev.parley.langchain4j;
