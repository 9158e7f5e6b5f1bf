/**
 * Automatic AI Copilot events for Spring AI's {@code ChatClient}.
 *
 * <p>{@link dev.parley.springai.ParleyAdvisor} is a call and stream advisor that turns each
 * ChatClient exchange into Conversation Started, Message Sent, Message Received, Action Invoked
 * and Media Generated events sent through the Parley SDK. Everything here is non-null unless
 * documented otherwise.
 */
package dev.parley.springai;
