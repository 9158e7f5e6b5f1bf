package dev.parley.server.topics;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * The real model on a labelled corpus (intents.tsv: nine intents of a shop's copilot, 45+
 * differently worded first messages each, and noise): the topics found agree with the intents
 * (adjusted Rand index at least 0.7), and the topic holding most of an intent's messages is
 * named by one of that intent's own words.
 */
class TopicCorpusTest {
  /** Words a person would take to name each intent; the topic's keywords must hold one. */
  private static final Map<String, Set<String>> NAMES = Map.of(
      "refund", Set.of("refund", "refunds", "refunded", "money", "return"),
      "shipping", Set.of("package", "delivery", "shipping", "parcel", "tracking", "shipped", "arrived", "track"),
      "password", Set.of("password", "login", "log", "locked", "reset", "code", "account", "sign"),
      "billing", Set.of("invoice", "charged", "billing", "card", "charge", "payment", "vat", "credit"),
      "product-size", Set.of("size", "fit", "small", "sizes", "sizing", "large", "chart", "medium"),
      "cancel-subscription", Set.of("cancel", "subscription", "membership", "plan", "renewal", "cancelling"),
      "api-integration", Set.of("api", "webhook", "webhooks", "sdk", "endpoint", "key", "rate", "keys"),
      "gift-card", Set.of("gift", "card", "cards", "balance", "voucher"),
      "store-hours", Set.of("store", "open", "hours", "sunday", "stores", "opening", "closing", "holiday"));

  private static List<String> labels;
  private static List<TopicModel.Doc> docs;

  @BeforeAll
  static void embed() throws IOException {
    labels = new ArrayList<>();
    List<String> texts = new ArrayList<>();
    try (InputStream in = TopicCorpusTest.class.getResourceAsStream("intents.tsv")) {
      assertThat(in).as("intents.tsv beside this test").isNotNull();
      for (String line : new String(in.readAllBytes(), StandardCharsets.UTF_8).split("\n")) {
        if (line.isBlank() || line.startsWith("#")) {
          continue;
        }
        String[] parts = line.split("\t", 2);
        labels.add(parts[0]);
        texts.add(parts[1].strip());
      }
    }
    List<float[]> vectors = MiniLmEmbedder.shared().embed(texts);
    docs = new ArrayList<>();
    for (int i = 0; i < texts.size(); i++) {
      docs.add(new TopicModel.Doc("c" + i, vectors.get(i), texts.get(i)));
    }
  }

  @Test
  void theCorpusIsWhatTheTestNeeds() {
    Map<String, Integer> counts = new HashMap<>();
    labels.forEach(l -> counts.merge(l, 1, Integer::sum));
    assertThat(counts.keySet()).containsAll(NAMES.keySet()).contains("noise");
    NAMES.keySet().forEach(intent -> assertThat(counts.get(intent)).as(intent).isGreaterThanOrEqualTo(40));
    assertThat(new HashSet<>(docs.stream().map(TopicModel.Doc::text).toList())).as("no message twice").hasSameSizeAs(docs);
  }

  @Test
  void topicsAgreeWithTheIntentsAndAreNamedByTheirWords() {
    TopicModel.Computed computed = TopicModel.compute(docs, Map.of(), 1, 42);
    List<Integer> found = new ArrayList<>();
    for (TopicModel.Doc d : docs) {
      found.add(computed.assignment().get(d.conversationId()));
    }
    double ari = AdjustedRand.of(labels, found);
    StringBuilder report = new StringBuilder("k=" + computed.topics().size() + " ARI=" + ari + "\n");
    computed.topics().forEach(t -> report.append(t.id()).append(": ").append(t.keywords()).append(" (")
        .append(t.size()).append(")\n"));
    System.out.print(report);
    assertThat(ari).as(report.toString()).isGreaterThanOrEqualTo(0.7);

    Map<Integer, TopicModel.Topic> byId = new HashMap<>();
    computed.topics().forEach(t -> byId.put(t.id(), t));
    for (Map.Entry<String, Set<String>> intent : NAMES.entrySet()) {
      Map<Integer, Integer> votes = new HashMap<>();
      for (int i = 0; i < labels.size(); i++) {
        if (labels.get(i).equals(intent.getKey())) {
          votes.merge(found.get(i), 1, Integer::sum);
        }
      }
      int topic = votes.entrySet().stream().max(Map.Entry.comparingByValue()).orElseThrow().getKey();
      assertThat(byId.get(topic).keywords()).as("the words of the topic of %s\n%s", intent.getKey(), report)
          .containsAnyElementsOf(intent.getValue());
    }
  }
}
