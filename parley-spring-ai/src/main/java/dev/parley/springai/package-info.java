/**
 * Automatic AI Copilot events for Spring AI's {@code ChatClient}.
 *
 * <p>{@link dev.parley.springai.ParleyAdvisor} is a call and stream advisor that turns each
 * ChatClient exchange into Conversation Started, Message Sent, Message Received, Action Invoked
 * and Media Generated events sent through the Parley SDK. For applications that export Spring
 * AI's own observations as OpenTelemetry spans to a Parley collector instead,
 * {@link dev.parley.springai.ParleyObservationFilter} adds the conversation, the user and
 * (opt-in) the messages to them. Everything here is non-null unless documented otherwise.
 */
package dev.parley.springai;
