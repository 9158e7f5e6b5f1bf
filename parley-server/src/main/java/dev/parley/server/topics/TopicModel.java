package dev.parley.server.topics;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;

/**
 * Computes topics from embedded conversations: clusters them ({@link TopicClustering}), names
 * each cluster ({@link Keywords}), picks its examples (the members nearest its centroid), and
 * keeps topic ids stable: a cluster most of whose members were in one earlier topic keeps that
 * topic's id. Pure: no store, no clock.
 */
public final class TopicModel {
  /** Conversations with text needed before topics are computed. */
  public static final int MIN_CONVERSATIONS = 100;
  /** Example first messages kept per topic. */
  public static final int EXAMPLES = 3;

  private TopicModel() {}

  /** One embedded conversation: its first user message's text and vector. */
  public record Doc(String conversationId, float[] vector, String text) {
    public Doc {
      Objects.requireNonNull(conversationId, "conversationId == null");
      Objects.requireNonNull(vector, "vector == null");
      Objects.requireNonNull(text, "text == null");
    }
  }

  /** A topic: its id, its name, its centroid, and the conversationIds of its examples. */
  public record Topic(int id, String label, List<String> keywords, float[] centroid, List<String> examples, int size) {}

  /** What {@link #compute} found: the topics, each doc's topic id, and the next unused id. */
  public record Computed(List<Topic> topics, Map<String, Integer> assignment, int nextId, double silhouette) {}

  /**
   * Topics of {@code docs} (at least twice {@link TopicClustering#MIN_POINTS_PER_TOPIC}; the
   * worker waits for {@link #MIN_CONVERSATIONS}).
   *
   * @param previous each conversation's earlier topic id, where it had one
   * @param nextId the least id no topic has had
   */
  public static Computed compute(List<Doc> docs, Map<String, Integer> previous, int nextId, long seed) {
    if (docs.size() < 2 * TopicClustering.MIN_POINTS_PER_TOPIC) {
      throw new IllegalArgumentException(docs.size() + " conversations with text; topics need "
          + 2 * TopicClustering.MIN_POINTS_PER_TOPIC + " at least");
    }
    float[][] points = new float[docs.size()][];
    for (int i = 0; i < points.length; i++) {
      points[i] = docs.get(i).vector();
    }
    TopicClustering.Result clusters = TopicClustering.cluster(points, seed);
    int k = clusters.k();
    List<List<Integer>> members = new ArrayList<>();
    for (int c = 0; c < k; c++) {
      members.add(new ArrayList<>());
    }
    int[] assignment = clusters.assignment();
    for (int i = 0; i < assignment.length; i++) {
      members.get(assignment[i]).add(i);
    }
    int[] ids = stableIds(docs, members, previous, nextId);
    int next = nextId;
    Map<Integer, List<String>> texts = new HashMap<>();
    for (int c = 0; c < k; c++) {
      next = Math.max(next, ids[c] + 1);
      List<String> t = new ArrayList<>();
      for (int i : members.get(c)) {
        t.add(docs.get(i).text());
      }
      texts.put(c, t);
    }
    Map<Integer, List<String>> keywords = Keywords.of(texts);
    List<Topic> topics = new ArrayList<>();
    Map<String, Integer> byConversation = new HashMap<>();
    for (int c = 0; c < k; c++) {
      if (members.get(c).isEmpty()) {
        continue;
      }
      float[] centroid = clusters.centroids()[c];
      List<String> words = keywords.getOrDefault(c, List.of());
      topics.add(new Topic(ids[c], Keywords.label(words), words, centroid,
          examples(docs, members.get(c), centroid), members.get(c).size()));
      for (int i : members.get(c)) {
        byConversation.put(docs.get(i).conversationId(), ids[c]);
      }
    }
    topics.sort(Comparator.comparingInt(Topic::size).reversed().thenComparingInt(Topic::id));
    return new Computed(List.copyOf(topics), byConversation, next, clusters.silhouette());
  }

  /** The conversationIds of up to {@link #EXAMPLES} members nearest the centroid, with different texts. */
  static List<String> examples(List<Doc> docs, List<Integer> members, float[] centroid) {
    List<Integer> byNearness = new ArrayList<>(members);
    byNearness.sort(Comparator.comparingDouble((Integer i) -> -Vectors.dot(docs.get(i).vector(), centroid))
        .thenComparing(i -> docs.get(i).conversationId()));
    Set<String> seen = new HashSet<>();
    List<String> out = new ArrayList<>();
    for (int i : byNearness) {
      if (out.size() == EXAMPLES) {
        break;
      }
      if (seen.add(docs.get(i).text().strip().toLowerCase(java.util.Locale.ROOT))) {
        out.add(docs.get(i).conversationId());
      }
    }
    return out;
  }

  /**
   * Each cluster's id: largest clusters first, a cluster takes the earlier topic id most of its
   * previously assigned members had, unless a larger cluster took it; otherwise a new id.
   */
  static int[] stableIds(List<Doc> docs, List<List<Integer>> members, Map<String, Integer> previous, int nextId) {
    int k = members.size();
    Integer[] order = new Integer[k];
    for (int c = 0; c < k; c++) {
      order[c] = c;
    }
    java.util.Arrays.sort(order, Comparator.comparingInt((Integer c) -> -members.get(c).size()).thenComparingInt(c -> c));
    Set<Integer> taken = new LinkedHashSet<>();
    int[] ids = new int[k];
    int next = nextId;
    for (int c : order) {
      Map<Integer, Integer> votes = new HashMap<>();
      int voters = 0;
      for (int i : members.get(c)) {
        Integer before = previous.get(docs.get(i).conversationId());
        if (before != null) {
          votes.merge(before, 1, Integer::sum);
          voters++;
        }
      }
      int chosen = -1;
      int best = 0;
      for (Map.Entry<Integer, Integer> vote : votes.entrySet()) {
        boolean better = vote.getValue() > best || (vote.getValue() == best && chosen >= 0 && vote.getKey() < chosen);
        if (!taken.contains(vote.getKey()) && better) {
          chosen = vote.getKey();
          best = vote.getValue();
        }
      }
      if (chosen >= 0 && best * 2 > voters) {
        ids[c] = chosen;
      } else {
        ids[c] = next++;
      }
      taken.add(ids[c]);
      next = Math.max(next, ids[c] + 1);
    }
    return ids;
  }
}
