package dev.parley.server.topics;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Names topics by their most distinctive words: class-based TF-IDF (c-TF-IDF), which treats
 * each topic's texts as one document. A word scores its frequency within the topic times
 * {@code log(1 + A / f)}, where {@code f} is its frequency over every topic and {@code A} the
 * average number of words per topic: frequent in this topic, rare elsewhere. Masked values
 * ({@code [EMAIL]}), numbers and common English words never name a topic. Stateless.
 */
public final class Keywords {
  /** Words kept per topic. */
  public static final int PER_TOPIC = 6;
  /** Of which the label shows the first. */
  static final int IN_LABEL = 3;

  private static final Pattern MASKED = Pattern.compile("\\[[A-Z_]+\\]");
  private static final Pattern WORD = Pattern.compile("[\\p{L}][\\p{L}'-]*[\\p{L}]");
  private static final Set<String> STOP = Set.copyOf(List.of(
      "a", "about", "above", "after", "again", "against", "all", "also", "am", "an", "and", "any", "are", "aren't",
      "as", "at", "be", "because", "been", "before", "being", "below", "between", "both", "but", "by", "can",
      "can't", "cannot", "could", "couldn't", "did", "didn't", "do", "does", "doesn't", "doing", "don't", "down",
      "during", "each", "few", "for", "from", "further", "get", "got", "had", "hadn't", "has", "hasn't", "have",
      "haven't", "having", "he", "her", "here", "hers", "herself", "hey", "hi", "hello", "him", "himself", "his",
      "how", "i'm", "i've", "i'd", "i'll", "if", "in", "into", "is", "isn't", "it", "it's", "its", "itself",
      "just", "know", "let", "let's", "like", "me", "more", "most", "much", "my", "myself", "need", "no", "nor",
      "not", "now", "of", "off", "ok", "okay", "on", "once", "one", "only", "or", "other", "ought", "our", "ours",
      "ourselves", "out", "over", "own", "please", "pls", "same", "she", "should", "shouldn't", "so", "some",
      "still", "such", "than", "thank", "thanks", "that", "that's", "the", "their", "theirs", "them",
      "themselves", "then", "there", "there's", "these", "they", "this", "those", "through", "to", "too",
      "under", "until", "up", "us", "very", "want", "was", "wasn't", "way", "we", "were", "weren't", "what",
      "what's", "when", "where", "which", "while", "who", "whom", "why", "will", "with", "won't", "would",
      "wouldn't", "yes", "yet", "you", "your", "yours", "yourself", "im", "ive", "dont", "cant", "thx", "hiya",
      "would", "could", "anyone", "someone", "something", "anything", "really", "make", "made", "tell", "help",
      "way", "well", "since", "even", "just", "say", "said", "yet", "ever", "already", "going", "use", "using",
      "there", "right", "want", "wanted", "try", "tried", "trying", "see", "look", "looking", "sure", "thing"));

  private Keywords() {}

  /** The words of {@code text} that may name a topic, lower-cased, in order. */
  public static List<String> words(String text) {
    List<String> out = new ArrayList<>();
    Matcher m = WORD.matcher(MASKED.matcher(text).replaceAll(" ").toLowerCase(Locale.ROOT));
    while (m.find()) {
      String w = m.group();
      if (w.length() >= 3 && !STOP.contains(w)) {
        out.add(w);
      }
    }
    return out;
  }

  /**
   * The {@link #PER_TOPIC} most distinctive words of each topic, best first.
   *
   * @param textsByTopic each topic's texts, by topic key
   */
  public static <K> Map<K, List<String>> of(Map<K, List<String>> textsByTopic) {
    Map<K, Map<String, Integer>> counts = new HashMap<>();
    Map<String, Integer> overall = new HashMap<>();
    long totalWords = 0;
    for (Map.Entry<K, List<String>> topic : textsByTopic.entrySet()) {
      Map<String, Integer> c = new HashMap<>();
      for (String text : topic.getValue()) {
        for (String w : words(text)) {
          c.merge(w, 1, Integer::sum);
          overall.merge(w, 1, Integer::sum);
          totalWords++;
        }
      }
      counts.put(topic.getKey(), c);
    }
    double average = textsByTopic.isEmpty() ? 0 : (double) totalWords / textsByTopic.size();
    Map<K, List<String>> out = new HashMap<>();
    for (Map.Entry<K, Map<String, Integer>> topic : counts.entrySet()) {
      long words = topic.getValue().values().stream().mapToLong(Integer::longValue).sum();
      Map<String, Double> score = new HashMap<>();
      topic.getValue().forEach((w, n) -> score.put(w, ((double) n / words) * Math.log(1 + average / overall.get(w))));
      out.put(topic.getKey(), score.entrySet().stream()
          .filter(e -> topic.getValue().get(e.getKey()) >= 2 || words < 20)
          .sorted(Map.Entry.<String, Double>comparingByValue(Comparator.reverseOrder())
              .thenComparing(Map.Entry.comparingByKey()))
          .limit(PER_TOPIC).map(Map.Entry::getKey).toList());
    }
    return out;
  }

  /** A topic's label: its first keywords, joined. */
  public static String label(List<String> keywords) {
    return keywords.isEmpty() ? "(no words)" : String.join(", ", keywords.subList(0, Math.min(IN_LABEL, keywords.size())));
  }
}
