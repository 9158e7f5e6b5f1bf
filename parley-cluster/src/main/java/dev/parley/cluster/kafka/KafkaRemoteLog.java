package dev.parley.cluster.kafka;

import dev.parley.server.log.RemoteLog;

/**
 * {@code parley serve --log kafka://HOST:PORT[,...]/TOPIC}: the collector sends what it
 * accepts to the ingest topic (made when missing) and answers once Kafka has it.
 */
public final class KafkaRemoteLog implements RemoteLog {
  @Override
  public boolean accepts(String address) {
    return address.startsWith("kafka://");
  }

  @Override
  public Sink open(String address) {
    KafkaAddress kafka = KafkaAddress.parse(address);
    java.time.Duration retention = IngestTopic.ensure(kafka);
    KafkaSink sink = KafkaSink.open(kafka.bootstrapServers(), kafka.topic());
    return new Sink() {
      @Override
      public java.util.concurrent.CompletableFuture<Void> submit(dev.parley.server.ingest.Submission submission) {
        return sink.submit(submission);
      }

      @Override
      public java.util.Optional<java.time.Duration> retention() {
        return java.util.Optional.of(retention);
      }

      @Override
      public void close() {
        sink.close();
      }
    };
  }
}
