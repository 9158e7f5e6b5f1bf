package dev.parley.server.otlp;

import java.util.List;

/**
 * What the spans of one export request came to.
 *
 * @param events the spec events derived, in the order of their spans
 * @param spans every span of the request
 * @param ignored spans that are no GenAI model call, agent turn or tool call
 * @param withoutConversation GenAI spans with neither {@code gen_ai.conversation.id} nor {@code session.id}
 * @param inner model calls inside an agent's turn in the same request (the agent's span carries the turn)
 * @param rejected one sentence per span that could not be mapped, saying why
 */
record SpanMapping(List<DerivedEvent> events, int spans, int ignored, int withoutConversation, int inner,
    List<String> rejected) {
  SpanMapping {
    events = List.copyOf(events);
    rejected = List.copyOf(rejected);
  }
}
