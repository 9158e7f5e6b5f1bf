package dev.parley.cluster.kafka;

import java.net.URI;
import java.net.URISyntaxException;
import java.util.Objects;

/**
 * Where the ingest log lives in cluster mode: {@code kafka://HOST:PORT[,HOST:PORT...]/TOPIC}
 * (the topic defaults to {@value #DEFAULT_TOPIC}).
 *
 * @param bootstrapServers the brokers to ask first, as Kafka's clients take them
 * @param topic the ingest topic
 */
public record KafkaAddress(String bootstrapServers, String topic) {
  public static final String DEFAULT_TOPIC = "parley-events";

  public KafkaAddress {
    Objects.requireNonNull(bootstrapServers, "bootstrapServers == null");
    Objects.requireNonNull(topic, "topic == null");
  }

  /**
   * Reads an address.
   *
   * @throws IllegalArgumentException saying what is wrong and what is expected
   */
  public static KafkaAddress parse(String text) {
    String expected = "; expected kafka://HOST:PORT[,HOST:PORT...]/TOPIC";
    if (text == null || !text.startsWith("kafka://")) {
      throw new IllegalArgumentException("not a Kafka address: \"" + text + "\"" + expected);
    }
    String rest = text.substring("kafka://".length());
    int slash = rest.indexOf('/');
    String hosts = slash < 0 ? rest : rest.substring(0, slash);
    String topic = slash < 0 || slash == rest.length() - 1 ? DEFAULT_TOPIC : rest.substring(slash + 1);
    if (hosts.isBlank()) {
      throw new IllegalArgumentException("no broker in \"" + text + "\"" + expected);
    }
    for (String host : hosts.split(",")) {
      try {
        URI uri = new URI("kafka://" + host);
        if (uri.getHost() == null || uri.getPort() < 0) {
          throw new IllegalArgumentException("\"" + host + "\" is not HOST:PORT in \"" + text + "\"" + expected);
        }
      } catch (URISyntaxException e) {
        throw new IllegalArgumentException("\"" + host + "\" is not HOST:PORT in \"" + text + "\"" + expected, e);
      }
    }
    if (!topic.matches("[A-Za-z0-9._-]{1,249}")) {
      throw new IllegalArgumentException("\"" + topic + "\" is not a Kafka topic name (letters, digits, . _ -)");
    }
    return new KafkaAddress(hosts, topic);
  }

  @Override
  public String toString() {
    return "kafka://" + bootstrapServers + "/" + topic;
  }
}
