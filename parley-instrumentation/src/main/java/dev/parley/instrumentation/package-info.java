/**
 * Machinery shared by Parley's framework integrations ({@code parley-langchain4j},
 * {@code parley-spring-ai}): the settings their builders share, conversations tracked by the
 * framework's own key, the errors waiting to be reported on a conversation's next event, the
 * sending of a finished turn (reply, tools, media), a guard that keeps instrumentation failures
 * away from the application, and the spec's media sub-types.
 *
 * <p>For integrations, not applications: applications use an integration's own API (or the
 * SDK directly), and this package may change with them. Everything here is non-null unless
 * documented otherwise.
 */
package dev.parley.instrumentation;
