package dev.parley.cluster.kafka;

import dev.parley.server.ingest.NormalisedEvent;
import dev.parley.server.ingest.RefusedMessage;
import dev.parley.server.ingest.SinkUnavailableException;
import dev.parley.server.ingest.Submission;
import dev.parley.server.log.RemoteLog;
import dev.parley.server.log.SubmissionCodec;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.Producer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.KafkaException;
import org.apache.kafka.common.serialization.ByteArraySerializer;

/**
 * The collector's side of cluster mode: each accepted event goes to the ingest topic as a
 * record of its own, keyed by its conversation (else its user), so one conversation's events
 * keep their order in one partition; the request is answered once Kafka has acknowledged all
 * of its records ({@code acks=all}, idempotent producer: a retried send is written once).
 * Thread-safe.
 */
public final class KafkaSink implements RemoteLog.Sink {
  private final Producer<byte[], byte[]> producer;
  private final String topic;

  KafkaSink(Producer<byte[], byte[]> producer, String topic) {
    this.producer = producer;
    this.topic = topic;
  }

  /** A sink to {@code topic} of the cluster at {@code bootstrapServers}. */
  public static KafkaSink open(String bootstrapServers, String topic) {
    Map<String, Object> config = new HashMap<>();
    config.put(ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrapServers);
    config.put(ProducerConfig.ACKS_CONFIG, "all");
    config.put(ProducerConfig.ENABLE_IDEMPOTENCE_CONFIG, true);
    config.put(ProducerConfig.LINGER_MS_CONFIG, 2);
    // Metadata unavailable or the buffer full: send() blocks the request's thread this long, then 503.
    config.put(ProducerConfig.MAX_BLOCK_MS_CONFIG, 1_000);
    config.put(ProducerConfig.DELIVERY_TIMEOUT_MS_CONFIG, 25_000); // inside the ingest route's 30 s
    config.put(ProducerConfig.REQUEST_TIMEOUT_MS_CONFIG, 10_000);
    config.put(ProducerConfig.KEY_SERIALIZER_CLASS_CONFIG, ByteArraySerializer.class);
    config.put(ProducerConfig.VALUE_SERIALIZER_CLASS_CONFIG, ByteArraySerializer.class);
    return new KafkaSink(new KafkaProducer<>(config), topic);
  }

  @Override
  public CompletableFuture<Void> submit(Submission submission) {
    List<CompletableFuture<Void>> sent = new ArrayList<>(submission.events().size() + 1);
    try {
      for (NormalisedEvent event : submission.events()) {
        sent.add(send(key(event.conversationId(), event.userId(), event.anonymousId(), event.messageId()),
            new Submission(List.of(event), List.of())));
      }
      if (!submission.refused().isEmpty()) {
        RefusedMessage first = submission.refused().get(0);
        sent.add(send(key(null, first.userId(), first.anonymousId(), first.messageId()),
            new Submission(List.of(), submission.refused())));
      }
    } catch (KafkaException e) {
      sent.add(CompletableFuture.failedFuture(unavailable(e)));
    }
    return CompletableFuture.allOf(sent.toArray(CompletableFuture[]::new));
  }

  private CompletableFuture<Void> send(byte[] key, Submission one) {
    CompletableFuture<Void> done = new CompletableFuture<>();
    producer.send(new ProducerRecord<>(topic, key, SubmissionCodec.encode(one)), (metadata, failure) -> {
      if (failure == null) {
        done.complete(null);
      } else {
        done.completeExceptionally(unavailable(failure));
      }
    });
    return done;
  }

  private static SinkUnavailableException unavailable(Throwable cause) {
    return new SinkUnavailableException("Kafka did not take the events (" + cause.getMessage() + ")", 2, cause);
  }

  /** The partition key: the conversation, else the user, else the message. */
  static byte[] key(String conversationId, String userId, String anonymousId, String messageId) {
    String key = conversationId != null ? "c:" + conversationId
        : userId != null ? "u:" + userId : anonymousId != null ? "a:" + anonymousId : "m:" + messageId;
    return key.getBytes(StandardCharsets.UTF_8);
  }

  @Override
  public void close() {
    producer.close();
  }
}
