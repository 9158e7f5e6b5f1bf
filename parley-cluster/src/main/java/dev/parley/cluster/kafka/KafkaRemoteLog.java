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
    IngestTopic.ensure(kafka);
    return KafkaSink.open(kafka.bootstrapServers(), kafka.topic());
  }
}
