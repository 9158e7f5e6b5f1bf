package dev.parley.sdk;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.parley.sdk.internal.EncodedMessage;
import dev.parley.spec.SegmentLimits;
import dev.parley.sdk.internal.MessageEncoder;
import dev.parley.spec.privacy.ContentMode;
import dev.parley.spec.privacy.ContentPolicy;
import dev.parley.sdk.internal.Options;
import dev.parley.sdk.internal.Pipeline;
import dev.parley.sdk.internal.RandomIds;
import dev.parley.sdk.internal.SystemTime;
import dev.parley.sdk.internal.TimeSource;
import dev.parley.sdk.internal.TypedProperties;
import dev.parley.spec.SpecEvent;
import dev.parley.spec.Validator;
import dev.parley.spec.Violation;
import java.io.IOException;
import java.net.URI;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.stream.Collectors;

/**
 * The client: turns calls into Segment messages and delivers them to
 * {@code POST {endpoint}/v1/batch} in the background.
 *
 * <p>Tracking calls serialise the message on the calling thread and return at once; they
 * never wait for the network and never throw because the collector is slow or down.
 * Messages are batched (by count, bytes and age), retried with backoff, and, when a spool
 * directory is configured, kept on disk through outages and restarts. Thread-safe: share
 * one instance per write key and {@link #close()} it at shutdown.
 */
public final class CopilotAnalytics implements AutoCloseable {
  private static final ObjectMapper READER = new ObjectMapper();

  private final Pipeline pipeline;
  private final MessageEncoder encoder;
  private final Duration closeTimeout;

  CopilotAnalytics(Pipeline pipeline, MessageEncoder encoder, Duration closeTimeout) {
    this.pipeline = pipeline;
    this.encoder = encoder;
    this.closeTimeout = closeTimeout;
  }

  /** A builder for a client that sends with this Segment (or Parley) write key. */
  public static Builder builder(String writeKey) {
    return new Builder(writeKey);
  }

  /** Starts a conversation with a new random id and sends Conversation Started. */
  public Conversation startConversation(Identity identity) {
    return startConversation(identity, RandomIds.uuid(), Map.of());
  }

  /** Starts a conversation with a new random id and sends Conversation Started with extra properties. */
  public Conversation startConversation(Identity identity, Map<String, ?> properties) {
    return startConversation(identity, RandomIds.uuid(), properties);
  }

  /** Starts a conversation with the caller's id and sends Conversation Started. */
  public Conversation startConversation(Identity identity, String conversationId) {
    return startConversation(identity, conversationId, Map.of());
  }

  /** Starts a conversation and sends Conversation Started with extra properties. */
  public Conversation startConversation(Identity identity, String conversationId, Map<String, ?> properties) {
    Conversation conversation = new Conversation(this, identity, conversationId, true);
    conversation.started(properties);
    return conversation;
  }

  /**
   * A handle on a conversation started elsewhere (another request, process or host),
   * without sending Conversation Started. Its {@link Conversation#end()} leaves
   * {@code message_count} out, since this handle has not seen every message.
   */
  public Conversation resumeConversation(Identity identity, String conversationId) {
    return new Conversation(this, identity, conversationId, false);
  }

  /** Sends an identify call without traits, tying the identity's ids together. */
  public void identify(Identity identity) {
    identify(identity, Map.of());
  }

  /** Sends an identify call with these traits (may be empty). */
  public void identify(Identity identity, Map<String, ?> traits) {
    Objects.requireNonNull(identity, "identity == null");
    enqueue(encoder.identify(identity, traits));
  }

  /**
   * Sends any track event. Spec events are better sent through a {@link Conversation};
   * when sent here, they (and any event with a near-miss spec name or property name) must
   * pass the spec's {@link Validator}.
   *
   * @throws IllegalArgumentException when the event breaks the AI Copilot spec
   */
  public void track(Identity identity, String event, Map<String, ?> properties) {
    Objects.requireNonNull(identity, "identity == null");
    Objects.requireNonNull(event, "event == null");
    if (event.isBlank()) {
      throw new IllegalArgumentException("event is blank");
    }
    EncodedMessage message = encoder.track(identity, event, Set.of(), properties, TypedProperties.none());
    checkSpec(message);
    enqueue(message);
  }

  /** Blocks until every message queued before the call is delivered, failed or spooled. */
  public void flush() {
    flushAsync().join();
  }

  /** Like {@link #flush()}, without blocking: the future completes at the same moment. */
  public CompletableFuture<Void> flushAsync() {
    return pipeline.flush();
  }

  /** The counters now; cheap enough to poll. */
  public Stats stats() {
    return pipeline.stats();
  }

  /**
   * Flushes and stops, waiting at most the builder's {@code closeTimeout} (10 seconds by
   * default). What is still undelivered then goes to the spool directory, or is reported
   * failed when there is none. Later calls are dropped and reported. Idempotent.
   */
  @Override
  public void close() {
    pipeline.close(closeTimeout);
  }

  /** Like {@link #close()} with this timeout; returns true when everything was delivered. */
  public boolean close(Duration timeout) {
    Objects.requireNonNull(timeout, "timeout == null");
    return pipeline.close(timeout);
  }

  MessageEncoder encoder() {
    return encoder;
  }

  void enqueue(EncodedMessage message) {
    pipeline.enqueue(message);
  }

  private static void checkSpec(EncodedMessage message) {
    List<Violation> violations = Validator.standard().validate(readTree(message));
    if (!violations.isEmpty()) {
      String hint = SpecEvent.byName(message.event()).or(() -> SpecEvent.nearMiss(message.event()))
          .map(e -> "; send " + e.eventName() + " through Conversation").orElse("");
      throw new IllegalArgumentException(violations.stream().map(Violation::toString)
          .collect(Collectors.joining("; ")) + hint);
    }
  }

  private static JsonNode readTree(EncodedMessage message) {
    try {
      return READER.readTree(message.json());
    } catch (IOException e) {
      throw new IllegalStateException("the SDK wrote unreadable JSON", e);
    }
  }

  /**
   * Settings for a {@link CopilotAnalytics}; every setter checks its argument at once and
   * {@link #build()} fills in the defaults. Not thread-safe; build once.
   */
  public static final class Builder {
    private final String writeKey;
    private URI endpoint = URI.create("https://api.segment.io");
    private int flushAt = 100;
    private Duration flushInterval = Duration.ofSeconds(5);
    private int maxQueueSize = 10_000;
    private Path spoolDirectory;
    private Callback callback = new Callback() {};
    private Duration closeTimeout = Duration.ofSeconds(10);
    private Duration requestTimeout = Duration.ofSeconds(15);
    private Duration minBackoff = Duration.ofMillis(500);
    private Duration maxBackoff = Duration.ofSeconds(60);
    private int maxRetries = 10;
    /** Null: the time source's wall clock. */
    private Clock clock;
    private TimeSource time = SystemTime.INSTANCE;
    private int maxConcurrentUploads = 4;
    private ContentPolicy content = ContentPolicy.keep();

    Builder(String writeKey) {
      Objects.requireNonNull(writeKey, "writeKey == null");
      if (writeKey.isBlank()) {
        throw new IllegalArgumentException("writeKey is blank");
      }
      this.writeKey = writeKey;
    }

    /** Where to send: Segment ({@code https://api.segment.io}, the default) or a Parley collector. */
    public Builder endpoint(URI endpoint) {
      Objects.requireNonNull(endpoint, "endpoint == null");
      if (!"http".equals(endpoint.getScheme()) && !"https".equals(endpoint.getScheme())) {
        throw new IllegalArgumentException("endpoint must be http or https: " + endpoint);
      }
      this.endpoint = endpoint;
      return this;
    }

    /** The most messages per batch, 1 to 2,500; default 100. Batches also stop at 500 KB. */
    public Builder flushAt(int flushAt) {
      if (flushAt < 1 || flushAt > SegmentLimits.MAX_BATCH_MESSAGES) {
        throw new IllegalArgumentException("flushAt must be 1.." + SegmentLimits.MAX_BATCH_MESSAGES + ": " + flushAt);
      }
      this.flushAt = flushAt;
      return this;
    }

    /** The longest a message waits for its batch to fill before it is sent; default 5 s. */
    public Builder flushInterval(Duration flushInterval) {
      this.flushInterval = positive(flushInterval, "flushInterval");
      return this;
    }

    /** The most messages held in memory (queued, batched or being sent); default 10,000. */
    public Builder maxQueueSize(int maxQueueSize) {
      if (maxQueueSize < 1) {
        throw new IllegalArgumentException("maxQueueSize must be positive: " + maxQueueSize);
      }
      this.maxQueueSize = maxQueueSize;
      return this;
    }

    /**
     * A directory for messages that do not fit in memory, cannot be delivered yet, or are
     * left at close; they are resent oldest first. Default: none (such messages are
     * dropped and counted). One client per directory: building a second client on a
     * directory in use fails.
     */
    public Builder spoolDirectory(Path spoolDirectory) {
      this.spoolDirectory = Objects.requireNonNull(spoolDirectory, "spoolDirectory == null");
      return this;
    }

    /** Receives each message's outcome; default: none. */
    public Builder callback(Callback callback) {
      this.callback = Objects.requireNonNull(callback, "callback == null");
      return this;
    }

    /** How long {@link CopilotAnalytics#close()} waits for delivery; default 10 s. */
    public Builder closeTimeout(Duration closeTimeout) {
      Objects.requireNonNull(closeTimeout, "closeTimeout == null");
      if (closeTimeout.isNegative()) {
        throw new IllegalArgumentException("closeTimeout is negative: " + closeTimeout);
      }
      this.closeTimeout = closeTimeout;
      return this;
    }

    /** The connect and response timeout of one request; default 15 s. */
    public Builder requestTimeout(Duration requestTimeout) {
      this.requestTimeout = positive(requestTimeout, "requestTimeout");
      return this;
    }

    /**
     * The backoff between retries: the n-th wait is random in
     * {@code [0, min(max, min * 2^(n-1))]}; defaults 500 ms and 60 s.
     */
    public Builder retryBackoff(Duration min, Duration max) {
      positive(min, "min");
      positive(max, "max");
      if (max.compareTo(min) < 0) {
        throw new IllegalArgumentException("max backoff " + max + " is shorter than min " + min);
      }
      this.minBackoff = min;
      this.maxBackoff = max;
      return this;
    }

    /** How many times a batch is resent before it is spooled or failed; default 10. */
    public Builder maxRetries(int maxRetries) {
      if (maxRetries < 0) {
        throw new IllegalArgumentException("maxRetries is negative: " + maxRetries);
      }
      this.maxRetries = maxRetries;
      return this;
    }

    /**
     * The clock that stamps each message's {@code timestamp}; default the system clock in UTC.
     * Set it to replay or backfill history: each request's {@code sentAt} still tells real
     * time, so a Segment-compatible collector keeps the timestamps as set.
     */
    public Builder clock(Clock clock) {
      this.clock = Objects.requireNonNull(clock, "clock == null");
      return this;
    }

    /**
     * The source of all time the client reads and waits on, {@link SystemTime#INSTANCE} by
     * default. For tests, which substitute a clock they advance by hand.
     */
    Builder timeSource(TimeSource time) {
      this.time = Objects.requireNonNull(time, "time == null");
      return this;
    }

    /** The most requests in flight at once; default 4. */
    public Builder maxConcurrentUploads(int maxConcurrentUploads) {
      if (maxConcurrentUploads < 1) {
        throw new IllegalArgumentException("maxConcurrentUploads must be positive: " + maxConcurrentUploads);
      }
      this.maxConcurrentUploads = maxConcurrentUploads;
      return this;
    }

    /**
     * What happens to message text ({@code properties.message_body}) before it leaves the
     * app: {@code KEEP} (default), {@code MASK} (personal data becomes {@code [EMAIL]},
     * {@code [PHONE]}...) or {@code DROP} (the text removed, its length kept as
     * {@code message_body_length}). The same code as the collector's content modes. For
     * {@code HASH}, which needs a key, or for more paths and custom patterns, use
     * {@link #contentPolicy(ContentPolicy)}.
     *
     * @throws IllegalArgumentException for {@code HASH}
     */
    public Builder contentMode(ContentMode mode) {
      Objects.requireNonNull(mode, "mode == null");
      if (mode == ContentMode.HASH) {
        throw new IllegalArgumentException("hash mode needs a key: use contentPolicy(ContentPolicy.builder(HASH)"
            + ".hashKey(key).build())");
      }
      this.content = ContentPolicy.builder(mode).build();
      return this;
    }

    /** The content policy applied to every message before it is queued; default keep everything. */
    public Builder contentPolicy(ContentPolicy policy) {
      this.content = Objects.requireNonNull(policy, "policy == null");
      return this;
    }

    /**
     * Builds the client and starts its threads; with a spool directory, also starts
     * resending what an earlier run left there.
     *
     * @throws java.io.UncheckedIOException when the spool directory cannot be created or read
     * @throws IllegalStateException when another client is using the spool directory
     */
    public CopilotAnalytics build() {
      Options options = new Options(writeKey, endpoint, flushAt, flushInterval, maxQueueSize,
          Optional.ofNullable(spoolDirectory), callback, closeTimeout, requestTimeout, minBackoff,
          maxBackoff, maxRetries, maxConcurrentUploads, time);
      // Messages carry the configured clock's time; sentAt always tells the time source's
      // (real time outside tests), so the collector's clock-skew correction keeps backdated
      // timestamps as they were set.
      MessageEncoder encoder = new MessageEncoder(clock == null ? time.wallClock() : clock, content);
      MessageEncoder sentAt = new MessageEncoder(time.wallClock());
      return new CopilotAnalytics(new Pipeline(options, sentAt), encoder, closeTimeout);
    }

    private static Duration positive(Duration value, String name) {
      Objects.requireNonNull(value, name + " == null");
      if (value.isZero() || value.isNegative()) {
        throw new IllegalArgumentException(name + " must be positive: " + value);
      }
      return value;
    }
  }
}
