package dev.parley.server.cli;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import dev.parley.server.analytics.Summary;
import dev.parley.server.analytics.TimeWindow;
import java.io.IOException;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;

/** Asks a running server for {@code GET /api/v1/summary} with the admin token. */
final class ServerSummaries {
  private static final Duration TIMEOUT = Duration.ofSeconds(30);

  private final URI server;
  private final String adminToken;

  ServerSummaries(URI server, String adminToken) {
    this.server = server;
    this.adminToken = adminToken;
  }

  Summary summary(TimeWindow window) {
    return get("/api/v1/summary", window, Summary.class, "a summary");
  }

  /** GETs {@code path} for {@code window} and reads the answer as {@code type} (named {@code what} in errors). */
  <T> T get(String path, TimeWindow window, Class<T> type, String what) {
    return send(path + "?from=" + encode(window.from().toString()) + "&to=" + encode(window.to().toString()),
        HttpRequest.BodyPublishers.noBody(), "GET", type, what);
  }

  /** POSTs to {@code path} with no body and reads the answer as {@code type}. */
  <T> T post(String path, Class<T> type, String what) {
    return send(path, HttpRequest.BodyPublishers.noBody(), "POST", type, what);
  }

  private <T> T send(String pathAndQuery, HttpRequest.BodyPublisher body, String method, Class<T> type, String what) {
    String base = server.toString().replaceAll("/+$", "");
    URI uri = URI.create(base + pathAndQuery);
    HttpRequest.Builder request = HttpRequest.newBuilder(uri).timeout(method.equals("POST") ? Duration.ofMinutes(5) : TIMEOUT)
        .method(method, body);
    if (adminToken != null && !adminToken.isEmpty()) {
      request.header("Authorization", "Bearer " + adminToken);
    }
    HttpResponse<String> response;
    try {
      response = HttpClient.newBuilder().connectTimeout(TIMEOUT).build()
          .send(request.build(), HttpResponse.BodyHandlers.ofString());
    } catch (IOException e) {
      throw new ReportUnavailable("cannot reach " + base + ": " + e);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new ReportUnavailable("interrupted while asking " + base);
    }
    if (response.statusCode() == 401 || response.statusCode() == 403) {
      throw new ReportUnavailable(base + " refused the admin token (HTTP " + response.statusCode()
          + "): pass --admin-token or set PARLEY_ADMIN_TOKEN");
    }
    if (response.statusCode() != 200 && response.statusCode() != 202) {
      throw new ReportUnavailable(base + " answered HTTP " + response.statusCode() + ": " + errorOf(response.body()));
    }
    try {
      return ReportJson.MAPPER.readValue(response.body(), type);
    } catch (JsonProcessingException e) {
      throw new ReportUnavailable(base + " did not answer with " + what + ": " + e.getOriginalMessage());
    }
  }

  private static String errorOf(String body) {
    try {
      JsonNode error = ReportJson.MAPPER.readTree(body).get("error");
      return error == null ? body : error.asText();
    } catch (JsonProcessingException e) {
      return body.length() > 200 ? body.substring(0, 200) : body;
    }
  }

  private static String encode(String text) {
    return URLEncoder.encode(text, StandardCharsets.UTF_8);
  }
}
