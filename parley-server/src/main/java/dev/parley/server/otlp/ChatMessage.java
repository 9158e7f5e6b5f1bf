package dev.parley.server.otlp;

import java.util.List;
import java.util.Optional;

/**
 * One message of a span's captured content.
 *
 * @param role as the convention writes it ({@code user}, {@code assistant}, {@code tool}, {@code system})
 * @param text its text parts joined by blank lines; empty when it has none (only tool calls, say)
 * @param media the generated media among its parts
 * @param finishReason why the model stopped, for an output message that says
 */
record ChatMessage(String role, String text, List<Media> media, Optional<String> finishReason) {
  ChatMessage {
    media = List.copyOf(media);
  }

  /** A media part: {@code modality} image, video or audio, and its MIME type when stated. */
  record Media(String modality, Optional<String> mimeType) {}
}
