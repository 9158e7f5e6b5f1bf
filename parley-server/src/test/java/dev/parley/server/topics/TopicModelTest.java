package dev.parley.server.topics;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class TopicModelTest {
  private static List<TopicModel.Doc> docs(float[][] points, List<Integer> truth, String[] words) {
    List<TopicModel.Doc> docs = new ArrayList<>();
    for (int i = 0; i < points.length; i++) {
      docs.add(new TopicModel.Doc("c" + i, points[i], words[truth.get(i)] + " question number " + i));
    }
    return docs;
  }

  @Test
  void topicIdsStayWithTheirGroupsWhenRecomputedAndNewGroupsGetNewIds() {
    List<Integer> truth = new ArrayList<>();
    float[][] points = TopicClusteringTest.blobs(4, 50, 24, 0.6, 11, truth);
    String[] words = {"refund", "delivery", "password", "invoice"};
    List<TopicModel.Doc> docs = docs(points, truth, words);
    TopicModel.Computed first = TopicModel.compute(docs, Map.of(), 1, 1);
    assertThat(first.topics()).hasSize(4);
    assertThat(first.topics()).extracting(TopicModel.Topic::id).containsExactlyInAnyOrder(1, 2, 3, 4);
    assertThat(first.nextId()).isEqualTo(5);
    for (TopicModel.Topic t : first.topics()) {
      assertThat(t.keywords()).hasSizeGreaterThanOrEqualTo(1);
      assertThat(words).contains(t.keywords().get(0));
      assertThat(t.examples()).hasSize(TopicModel.EXAMPLES);
    }
    // Recomputed with another seed (other k-means seeds) and a fifth group: the four keep their ids.
    List<Integer> truth5 = new ArrayList<>();
    float[][] more = TopicClusteringTest.blobs(5, 50, 24, 0.6, 11, truth5);
    List<TopicModel.Doc> docs5 = docs(more, truth5, new String[] {"refund", "delivery", "password", "invoice", "giftcard"});
    TopicModel.Computed second = TopicModel.compute(docs5, first.assignment(), first.nextId(), 99);
    assertThat(second.topics()).hasSize(5);
    Map<String, Integer> byWord = new HashMap<>();
    second.topics().forEach(t -> byWord.put(t.keywords().get(0), t.id()));
    Map<String, Integer> before = new HashMap<>();
    first.topics().forEach(t -> before.put(t.keywords().get(0), t.id()));
    for (String w : words) {
      assertThat(byWord.get(w)).as(w).isEqualTo(before.get(w));
    }
    assertThat(byWord.get("giftcard")).isEqualTo(5);
    assertThat(second.nextId()).isEqualTo(6);
  }
}
