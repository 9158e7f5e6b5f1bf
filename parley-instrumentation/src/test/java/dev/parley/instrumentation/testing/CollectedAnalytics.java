package dev.parley.instrumentation.testing;

import com.fasterxml.jackson.databind.JsonNode;
import dev.parley.sdk.CopilotAnalytics;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.extension.AfterEachCallback;
import org.junit.jupiter.api.extension.ExtensionContext;

/**
 * A real SDK client sending to a {@link CollectorStandIn}: the part of a test's world that
 * every framework integration shares. Register it (or a subclass) with {@code @RegisterExtension} on
 * an instance field; it is closed after each test. Thread-safe.
 */
public class CollectedAnalytics implements AfterEachCallback, AutoCloseable {
  private final CollectorStandIn collector;
  private final CopilotAnalytics analytics;

  /** Starts the stand-in and a client sending to it. */
  public CollectedAnalytics() {
    try {
      collector = new CollectorStandIn();
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    analytics = CopilotAnalytics.builder("test-write-key")
        .endpoint(collector.endpoint())
        .flushInterval(Duration.ofMillis(200))
        // One upload at a time, so that arrival order is sending order, which the tests check.
        .maxConcurrentUploads(1)
        .build();
  }

  /** The client, to instrument with. */
  public CopilotAnalytics analytics() {
    return analytics;
  }

  /** Waits until everything sent so far was delivered, and returns every message received. */
  public List<JsonNode> delivered() {
    analytics.flush();
    return collector.messages();
  }

  @Override
  public void afterEach(ExtensionContext context) {
    close();
  }

  @Override
  public void close() {
    analytics.close();
    collector.close();
  }
}
