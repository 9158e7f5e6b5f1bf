package dev.parley.server.ingest;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.segment.analytics.Analytics;
import com.segment.analytics.Callback;
import com.segment.analytics.messages.IdentifyMessage;
import com.segment.analytics.messages.Message;
import com.segment.analytics.messages.TrackMessage;
import dev.parley.server.testing.TestServer;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Segment's official Java client (analytics-java 3.5.4), pointed at Parley, delivers spec
 * events that are then read back with the right properties and no violations. It posts to
 * {@code /v1/import/} with the write key in the body and no Authorization header.
 */
class SegmentClientEndToEndTest {
  @TempDir Path dataDir;

  @Test
  void segmentsOfficialClientDeliversSpecEventsThatAreReadBack() throws InterruptedException {
    try (TestServer server = TestServer.start(dataDir)) {
      ConcurrentLinkedQueue<Throwable> failures = new ConcurrentLinkedQueue<>();
      CountDownLatch delivered = new CountDownLatch(4);
      Analytics analytics = Analytics.builder(TestServer.WRITE_KEY)
          .endpoint("http://127.0.0.1:" + server.server().port())
          .callback(new Callback() {
            @Override
            public void success(Message message) {
              delivered.countDown();
            }

            @Override
            public void failure(Message message, Throwable throwable) {
              failures.add(throwable);
              delivered.countDown();
            }
          })
          .build();
      try {
        analytics.enqueue(IdentifyMessage.builder().userId("segment-user").traits(Map.of("plan", "pro")));
        analytics.enqueue(TrackMessage.builder("Conversation Started").userId("segment-user")
            .properties(Map.of("conversationId", "seg-c1")));
        analytics.enqueue(TrackMessage.builder("Message Sent").userId("segment-user")
            .properties(Map.of("conversationId", "seg-c1", "messageId", "seg-m1", "message_body", "Hello?")));
        Map<String, Object> feedback = new HashMap<>();
        feedback.put("conversationId", "seg-c1");
        feedback.put("messageId", "seg-m1");
        feedback.put("rating", 5);
        analytics.enqueue(TrackMessage.builder("Feedback Submitted").userId("segment-user").properties(feedback));
        analytics.flush();
        assertThat(delivered.await(30, TimeUnit.SECONDS)).isTrue();
      } finally {
        analytics.shutdown();
      }

      assertThat(failures).isEmpty();
      JsonNode events = server.events(Map.of("userId", "segment-user"));
      assertThat(events).hasSize(4);
      Map<String, JsonNode> byEvent = new HashMap<>();
      events.forEach(e -> byEvent.put(e.path("event").asText(e.get("type").asText()), e));
      assertThat(byEvent).containsKeys("identify", "Conversation Started", "Message Sent", "Feedback Submitted");
      assertThat(byEvent.get("Message Sent").at("/properties/message_body").asText()).isEqualTo("Hello?");
      assertThat(byEvent.get("Feedback Submitted").at("/properties/rating").asInt()).isEqualTo(5);
      assertThat(byEvent.get("Message Sent").at("/context/library/name").asText()).isEqualTo("analytics-java");
      events.forEach(e -> assertThat(e.get("violations")).as(e.toString()).isEmpty());
    }
  }
}
