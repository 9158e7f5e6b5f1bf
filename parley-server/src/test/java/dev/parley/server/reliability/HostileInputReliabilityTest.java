package dev.parley.server.reliability;

import static org.assertj.core.api.Assertions.assertThat;

import dev.parley.server.testing.Messages;
import dev.parley.server.testing.TestServer;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.IntStream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/**
 * The {@link HostileCorpus} against a real collector: each request is answered 4xx with a
 * clear error (or, for data that flag mode may keep, anything but 5xx); nothing of a refused
 * request is stored; the collector is healthy afterwards and the events accepted before and
 * after are stored intact.
 */
class HostileInputReliabilityTest {
  private static final Pattern HOSTILE_ID = Pattern.compile("hostile-(\\d+)(?!\\d)");
  @TempDir Path dir;

  @Test
  @Timeout(value = 5, unit = TimeUnit.MINUTES, threadMode = Timeout.ThreadMode.SEPARATE_THREAD)
  void hostileRequestsAreRefusedWithoutHarm() throws Exception {
    List<HostileRequest> corpus = HostileCorpus.all();
    assertThat(corpus).hasSizeGreaterThanOrEqualTo(200);
    Set<String> acceptedHostile = new HashSet<>();
    Set<String> acceptedIds = new HashSet<>();
    List<String> failures = new ArrayList<>();
    Path data = dir.resolve("data");
    try (TestServer server = TestServer.start(data)) {
      int port = server.server().port();
      assertThat(server.post("/v1/batch", good("before")).statusCode()).isEqualTo(200);
      for (HostileRequest request : corpus) {
        RawHttp.Answer answer = RawHttp.exchange(port, request.head(), request.body(), request.chunk(),
            request.pauseMs(), request.cut());
        String problem = judge(request, answer);
        if (problem != null) {
          failures.add(request.name() + ": " + problem);
        } else if (answer.status() == 200) {
          acceptedHostile.add(request.name());
          Matcher id = HOSTILE_ID.matcher(new String(request.body(), StandardCharsets.UTF_8));
          while (id.find()) {
            acceptedIds.add(id.group(1));
          }
        }
      }
      assertThat(server.post("/v1/batch", good("after")).statusCode()).isEqualTo(200);
      HttpResponse<String> health = server.get("/healthz");
      HttpResponse<String> ready = server.get("/readyz");
      assertThat(health.statusCode()).isEqualTo(200);
      assertThat(ready.statusCode()).isEqualTo(200);
      assertThat(server.events(Map.of("conversationId", "conv-before"))).hasSize(5);
      assertThat(server.events(Map.of("conversationId", "conv-after"))).hasSize(5);
    }
    assertThat(failures).as("requests answered badly").isEmpty();
    Map<String, Long> stored = StoredIds.count(data);
    assertThat(stored.keySet()).containsAll(IntStream.range(0, 5).mapToObj(i -> "before-" + i).toList())
        .containsAll(IntStream.range(0, 5).mapToObj(i -> "after-" + i).toList());
    assertThat(stored.values()).allMatch(n -> n == 1L);
    assertThat(stored.keySet()).as("stored messageIds of the corpus all come from requests answered 200")
        .filteredOn(id -> HOSTILE_ID.matcher(id).lookingAt())
        .allSatisfy(id -> {
          Matcher m = HOSTILE_ID.matcher(id);
          assertThat(m.lookingAt() && acceptedIds.contains(m.group(1))).as(id).isTrue();
        });
    assertThat(acceptedHostile).as("some of the data-level oddities are kept in flag mode").isNotEmpty();
  }

  /** Null when the answer is acceptable for the request, else what is wrong with it. */
  private static String judge(HostileRequest request, RawHttp.Answer answer) {
    int status = answer.status();
    if (status >= 500 || status == 0) {
      return "answered " + status + " " + abbreviate(answer.body());
    }
    if (request.expect() == HostileRequest.Expect.CLIENT_ERROR) {
      if (status < 400) {
        return "accepted with " + status + " " + abbreviate(answer.body());
      }
      if (answer.body().isBlank()) {
        return "answered " + status + " without saying why";
      }
      if (request.head().contains(" /v1/") && answer.body().contains("\"success\"")
          && !answer.body().contains("\"error\"")) {
        return "answered " + status + " without an error: " + abbreviate(answer.body());
      }
    }
    return null;
  }

  private static String good(String prefix) {
    return Messages.batch(IntStream.range(0, 5)
        .mapToObj(i -> Messages.started("u-" + prefix, "conv-" + prefix, prefix + "-" + i)).toList());
  }

  private static String abbreviate(String text) {
    return text.length() <= 300 ? text : text.substring(0, 300) + "...";
  }
}
