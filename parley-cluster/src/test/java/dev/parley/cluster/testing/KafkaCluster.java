package dev.parley.cluster.testing;

import java.util.List;
import java.util.Map;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.admin.NewTopic;
import org.apache.kafka.common.test.KafkaClusterTestKit;
import org.apache.kafka.common.test.TestKitNodes;

/** A Kafka cluster in the test's JVM (KRaft, from Kafka's own test kit): nothing to install. */
public final class KafkaCluster implements AutoCloseable {
  private final KafkaClusterTestKit kit;

  private KafkaCluster(KafkaClusterTestKit kit) {
    this.kit = kit;
  }

  /** Starts {@code brokers} brokers and a controller, and waits until they are ready. */
  public static KafkaCluster start(int brokers) throws Exception {
    // One node that is both broker and controller; with more brokers, one controller of its own,
    // so that stopping a broker leaves the quorum alone.
    KafkaClusterTestKit kit = new KafkaClusterTestKit.Builder(new TestKitNodes.Builder().setCombined(brokers == 1)
        .setNumBrokerNodes(brokers).setNumControllerNodes(1).build())
        .setConfigProp("offsets.topic.replication.factor", Integer.toString(Math.min(brokers, 3)))
        .setConfigProp("transaction.state.log.replication.factor", Integer.toString(Math.min(brokers, 3)))
        .build();
    kit.format();
    kit.startup();
    kit.waitForReadyBrokers();
    return new KafkaCluster(kit);
  }

  public String bootstrapServers() {
    return kit.bootstrapServers();
  }

  /** Creates a topic of {@code partitions} partitions, replicated to every broker (up to 3). */
  public void createTopic(String name, int partitions, short replicas) throws Exception {
    try (Admin admin = Admin.create(Map.of(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrapServers()))) {
      admin.createTopics(List.of(new NewTopic(name, partitions, replicas))).all().get();
    }
  }

  /** The ids of the brokers. */
  public java.util.Set<Integer> brokerIds() {
    return kit.brokers().keySet();
  }

  /** Stops one broker, as its machine would go away (its controller keeps running). */
  public void stopBroker(int id) {
    kit.brokers().get(id).shutdown();
    kit.brokers().get(id).awaitShutdown();
  }

  /** Starts a stopped broker again. */
  public void startBroker(int id) {
    kit.brokers().get(id).startup();
  }

  @Override
  public void close() throws Exception {
    kit.close();
  }
}
