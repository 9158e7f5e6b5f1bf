package dev.parley.demo;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.util.Base64;

/**
 * Posts raw messages to {@code /v1/track}, as a careless integration would: the SDK refuses
 * to send spec events that break the spec, so the demo's violations bypass it.
 */
final class OffSpecSender {
  private final HttpClient http = HttpClient.newHttpClient();
  private final URI track;
  private final String authorization;

  OffSpecSender(URI endpoint, String writeKey) {
    this.track = endpoint.resolve("/v1/track");
    this.authorization = "Basic " + Base64.getEncoder()
        .encodeToString((writeKey + ":").getBytes(StandardCharsets.UTF_8));
  }

  /** Sends one message; a failure is ignored, as the demo's traffic is best effort. */
  void send(String json) {
    HttpRequest request = HttpRequest.newBuilder(track)
        .header("Authorization", authorization)
        .header("Content-Type", "application/json")
        .POST(HttpRequest.BodyPublishers.ofString(json)).build();
    try {
      http.send(request, HttpResponse.BodyHandlers.discarding());
    } catch (IOException e) {
      // Best effort: the demo goes on without this one.
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
  }
}
