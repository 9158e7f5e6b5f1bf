package dev.parley.server.topics;

import java.sql.SQLException;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * What {@link TopicWorker} does with the topics once conversations are embedded: puts the docs
 * that have none in their nearest topic, names the topics again from the conversations still
 * stored (after an erasure), says when the topics are due, and computes them anew. Each reads
 * the store and writes through the worker's {@link TopicWorker.Writer}, on the worker's thread.
 */
final class TopicUpkeep {
  private final TopicStore store;
  private final TopicWorker.Writer writer;
  private final Clock clock;
  private final TopicWorker.Settings settings;

  TopicUpkeep(TopicStore store, TopicWorker.Writer writer, Clock clock, TopicWorker.Settings settings) {
    this.store = store;
    this.writer = writer;
    this.clock = clock;
    this.settings = settings;
  }

  /** Puts up to a thousand docs without a topic in the nearest of {@code topics}; whether there were any. */
  boolean assignUnassigned(List<TopicStore.StoredTopic> topics) throws SQLException {
    if (topics.isEmpty()) {
      return false;
    }
    List<TopicStore.EmbeddedDoc> docs = store.unassigned(1000);
    if (docs.isEmpty()) {
      return false;
    }
    float[][] centroids = centroids(topics);
    Map<String, Integer> chosen = new HashMap<>();
    for (TopicStore.EmbeddedDoc d : docs) {
      chosen.put(d.conversationId(), topics.get(Vectors.nearest(d.vector(), centroids)).id());
    }
    writer.write(c -> {
      store.writes().assign(c, chosen);
      return null;
    });
    return true;
  }

  /** Names {@code topics} again from the conversations still stored (after an erasure). */
  void rename(List<TopicStore.StoredTopic> topics) throws SQLException {
    long suppressions = store.suppressions();
    List<TopicStore.EmbeddedDoc> docs = store.embedded();
    Map<Integer, List<String>> texts = new HashMap<>();
    Map<Integer, List<TopicModel.Doc>> members = new HashMap<>();
    for (TopicStore.EmbeddedDoc d : docs) {
      if (d.topicId() != null) {
        texts.computeIfAbsent(d.topicId(), k -> new ArrayList<>()).add(d.text());
        members.computeIfAbsent(d.topicId(), k -> new ArrayList<>())
            .add(new TopicModel.Doc(d.conversationId(), d.vector(), d.text()));
      }
    }
    Map<Integer, List<String>> keywords = Keywords.of(texts);
    Map<Integer, List<String>> examples = new HashMap<>();
    for (TopicStore.StoredTopic t : topics) {
      List<TopicModel.Doc> m = members.getOrDefault(t.id(), List.of());
      List<Integer> all = new ArrayList<>();
      for (int i = 0; i < m.size(); i++) {
        all.add(i);
      }
      examples.put(t.id(), TopicModel.examples(m, all, t.centroid()));
      keywords.putIfAbsent(t.id(), List.of());
    }
    writer.write(c -> store.writes().rename(c, keywords, examples, suppressions));
  }

  /**
   * Whether the topics are due: none yet with enough conversations, or their number grew by
   * {@link TopicWorker.Settings#growth} (not sooner than {@link TopicWorker.Settings#minInterval}),
   * or {@link TopicWorker.Settings#every} passed with any change.
   */
  boolean due(List<TopicStore.StoredTopic> topics) throws SQLException {
    TopicStore.DocCounts counts = store.counts();
    if (counts.withText() < settings.minConversations()) {
      return false;
    }
    TopicStore.State state = store.state();
    if (topics.isEmpty() || state.computedAt() == null) {
      return true;
    }
    Duration since = Duration.between(state.computedAt(), clock.instant());
    boolean grown = counts.withText() >= state.docsAtCompute() * settings.growth();
    return (grown && since.compareTo(settings.minInterval()) >= 0)
        || (since.compareTo(settings.every()) >= 0 && counts.withText() != state.docsAtCompute());
  }

  /** Computes the topics anew from every embedded conversation ({@code current}: how many there are now). */
  TopicWorker.Recomputed recompute(int current) throws SQLException {
    long started = System.nanoTime();
    long suppressions = store.suppressions();
    List<TopicStore.EmbeddedDoc> embedded = store.embedded();
    if (embedded.size() < settings.minConversations()) {
      return new TopicWorker.Recomputed(false, current, embedded.size(), embedded.size() + " conversations with text;"
          + " topics are computed from " + settings.minConversations(), Duration.ofNanos(System.nanoTime() - started));
    }
    List<TopicModel.Doc> docs = new ArrayList<>(embedded.size());
    Map<String, Integer> previous = new HashMap<>();
    for (TopicStore.EmbeddedDoc d : embedded) {
      docs.add(new TopicModel.Doc(d.conversationId(), d.vector(), d.text()));
      if (d.topicId() != null) {
        previous.put(d.conversationId(), d.topicId());
      }
    }
    embedded = null; // the vectors are in docs; let the rest go
    int nextId = store.state().nextId();
    TopicModel.Computed computed = TopicModel.compute(docs, previous, nextId, settings.seed());
    Instant at = clock.instant();
    writer.write(c -> {
      store.writes().replaceTopics(c, computed, suppressions, docs.size(), at);
      return null;
    });
    return new TopicWorker.Recomputed(true, computed.topics().size(), docs.size(), null,
        Duration.ofNanos(System.nanoTime() - started));
  }

  /** The centroids of {@code topics}, in their order. */
  static float[][] centroids(List<TopicStore.StoredTopic> topics) {
    float[][] out = new float[topics.size()][];
    for (int i = 0; i < out.length; i++) {
      out[i] = topics.get(i).centroid();
    }
    return out;
  }
}
