package dev.parley.server.topics;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashSet;
import java.util.List;
import java.util.Random;
import java.util.Set;

/**
 * Groups unit vectors by spherical k-means (cosine similarity; k-means++ seeding), with k
 * chosen by the mean silhouette over a sample: for each k from 2 up, the sample is clustered
 * and scored, and the best k then clusters every point, seeded from the sample's centroids.
 *
 * <p>Why this method: sentence embeddings of short questions form compact groups of similar
 * size, which k-means finds well; it costs O(n k d) per pass, so 100,000 conversations take
 * seconds; and the silhouette needs no labels. A density method (HDBSCAN) would also mark
 * noise, but costs O(n^2) in this dimension without an index. Deterministic for a seed.
 */
public final class TopicClustering {
  /** The most topics found. */
  public static final int MAX_K = 24;
  /** Points scored for the choice of k (the silhouette is quadratic in it). */
  static final int SAMPLE = 2000;
  /** Each topic should have about this many conversations at least: caps k for small inputs. */
  static final int MIN_POINTS_PER_TOPIC = 12;
  private static final int MAX_ITERATIONS = 40;
  /** k-means runs per k, from different seeds: the most cohesive is kept (one run can merge two groups). */
  static final int RUNS = 4;

  private TopicClustering() {}

  /** The clusters found: each point's cluster, the clusters' unit centroids, and the silhouette that chose k. */
  public record Result(int[] assignment, float[][] centroids, double silhouette) {
    public int k() {
      return centroids.length;
    }
  }

  /** Clusters {@code points} (unit vectors, at least 2 * {@link #MIN_POINTS_PER_TOPIC}). */
  public static Result cluster(float[][] points, long seed) {
    if (points.length < 2 * MIN_POINTS_PER_TOPIC) {
      throw new IllegalArgumentException("too few points to cluster: " + points.length);
    }
    Random random = new Random(seed);
    // k is chosen on distinct questions: a question asked a hundred times is one question, and
    // its copies would make every split of the repeated ones look perfect to the silhouette.
    float[][] distinct = distinct(points);
    if (distinct.length < 2 * MIN_POINTS_PER_TOPIC) {
      distinct = points;
    }
    float[][] sample = sample(distinct, SAMPLE, random);
    float[][] similarity = similarities(sample);
    // at most one topic per MIN_POINTS_PER_TOPIC conversations, and two distinct questions per topic
    int maxK = Math.max(2, Math.min(MAX_K, Math.min(points.length / MIN_POINTS_PER_TOPIC, sample.length / 2)));
    double bestScore = Double.NEGATIVE_INFINITY;
    float[][] bestCentroids = null;
    for (int k = 2; k <= maxK; k++) {
      float[][] centroids = null;
      double cohesion = Double.NEGATIVE_INFINITY;
      for (int run = 0; run < RUNS; run++) {
        float[][] found = lloyd(sample, seeds(sample, k, random), new int[sample.length]);
        double c = cohesion(sample, found);
        if (c > cohesion) {
          cohesion = c;
          centroids = found;
        }
      }
      int[] assignment = assign(sample, centroids);
      double score = silhouette(similarity, assignment, k);
      if (score > bestScore) {
        bestScore = score;
        bestCentroids = centroids;
      }
    }
    int[] assignment = new int[points.length];
    float[][] centroids = lloyd(points, bestCentroids, assignment);
    return new Result(assign(points, centroids), centroids, bestScore);
  }

  /** Lloyd's iterations from {@code centroids} until assignments settle; fills {@code assignment}. */
  static float[][] lloyd(float[][] points, float[][] start, int[] assignment) {
    float[][] centroids = start;
    Arrays.fill(assignment, -1);
    for (int iteration = 0; iteration < MAX_ITERATIONS; iteration++) {
      int changed = 0;
      for (int i = 0; i < points.length; i++) {
        int c = Vectors.nearest(points[i], centroids);
        if (c != assignment[i]) {
          assignment[i] = c;
          changed++;
        }
      }
      centroids = means(points, assignment, centroids);
      if (changed <= points.length / 1000) {
        break;
      }
    }
    return centroids;
  }

  /** Each cluster's normalised mean; an emptied cluster keeps its old centroid. */
  private static float[][] means(float[][] points, int[] assignment, float[][] previous) {
    int k = previous.length;
    int d = previous[0].length;
    float[][] sums = new float[k][d];
    int[] counts = new int[k];
    for (int i = 0; i < points.length; i++) {
      float[] sum = sums[assignment[i]];
      float[] p = points[i];
      for (int j = 0; j < d; j++) {
        sum[j] += p[j];
      }
      counts[assignment[i]]++;
    }
    for (int c = 0; c < k; c++) {
      if (counts[c] == 0) {
        sums[c] = previous[c].clone();
      } else {
        Vectors.normalize(sums[c]);
      }
    }
    return sums;
  }

  /** The k-means objective on the sphere: the sum of each point's similarity to its nearest centroid. */
  static double cohesion(float[][] points, float[][] centroids) {
    double sum = 0;
    for (float[] p : points) {
      sum += Vectors.dot(p, centroids[Vectors.nearest(p, centroids)]);
    }
    return sum;
  }

  /** Each point's nearest centroid. */
  static int[] assign(float[][] points, float[][] centroids) {
    int[] out = new int[points.length];
    for (int i = 0; i < points.length; i++) {
      out[i] = Vectors.nearest(points[i], centroids);
    }
    return out;
  }

  /** k-means++: each next seed drawn with probability proportional to its distance from the seeds so far. */
  static float[][] seeds(float[][] points, int k, Random random) {
    float[][] seeds = new float[k][];
    seeds[0] = points[random.nextInt(points.length)];
    double[] distance = new double[points.length];
    Arrays.fill(distance, Double.MAX_VALUE);
    for (int s = 1; s < k; s++) {
      double total = 0;
      for (int i = 0; i < points.length; i++) {
        double d = Math.max(0, 1 - Vectors.dot(points[i], seeds[s - 1]));
        distance[i] = Math.min(distance[i], d * d);
        total += distance[i];
      }
      double target = random.nextDouble() * total;
      int chosen = points.length - 1;
      for (int i = 0; i < points.length; i++) {
        target -= distance[i];
        if (target <= 0) {
          chosen = i;
          break;
        }
      }
      seeds[s] = points[chosen];
    }
    float[][] copies = new float[k][];
    for (int s = 0; s < k; s++) {
      copies[s] = seeds[s].clone();
    }
    return copies;
  }

  /** The mean silhouette (cosine distance) of {@code assignment}; points alone in their cluster score 0. */
  static double silhouette(float[][] similarity, int[] assignment, int k) {
    int n = assignment.length;
    int[] sizes = new int[k];
    for (int c : assignment) {
      sizes[c]++;
    }
    double total = 0;
    double[] sums = new double[k];
    for (int i = 0; i < n; i++) {
      Arrays.fill(sums, 0);
      float[] row = similarity[i];
      for (int j = 0; j < n; j++) {
        if (j != i) {
          sums[assignment[j]] += 1 - row[j];
        }
      }
      int own = assignment[i];
      if (sizes[own] <= 1) {
        continue;
      }
      double a = sums[own] / (sizes[own] - 1);
      double b = Double.MAX_VALUE;
      for (int c = 0; c < k; c++) {
        if (c != own && sizes[c] > 0) {
          b = Math.min(b, sums[c] / sizes[c]);
        }
      }
      if (b == Double.MAX_VALUE) {
        continue;
      }
      total += (b - a) / Math.max(a, b);
    }
    return total / n;
  }

  /** {@code points} without exact repeats, in order. */
  static float[][] distinct(float[][] points) {
    Set<Key> seen = new HashSet<>(points.length * 2);
    List<float[]> out = new ArrayList<>();
    for (float[] p : points) {
      if (seen.add(new Key(p))) {
        out.add(p);
      }
    }
    return out.toArray(new float[0][]);
  }

  /**
   * A vector as a hash key, by its bits. (Not {@code FloatBuffer.wrap}: its hash casts each
   * element to int, so all unit vectors, whose elements lie in (-1, 1), collide.)
   */
  private record Key(float[] v) {
    @Override
    public boolean equals(Object o) {
      return o instanceof Key k && Arrays.equals(v, k.v);
    }

    @Override
    public int hashCode() {
      return Arrays.hashCode(v);
    }
  }

  private static float[][] similarities(float[][] points) {
    int n = points.length;
    float[][] out = new float[n][n];
    for (int i = 0; i < n; i++) {
      out[i][i] = 1;
      for (int j = i + 1; j < n; j++) {
        float s = Vectors.dot(points[i], points[j]);
        out[i][j] = s;
        out[j][i] = s;
      }
    }
    return out;
  }

  private static float[][] sample(float[][] points, int size, Random random) {
    if (points.length <= size) {
      return points;
    }
    int[] order = new int[points.length];
    for (int i = 0; i < order.length; i++) {
      order[i] = i;
    }
    for (int i = 0; i < size; i++) {
      int j = i + random.nextInt(order.length - i);
      int t = order[i];
      order[i] = order[j];
      order[j] = t;
    }
    float[][] out = new float[size][];
    for (int i = 0; i < size; i++) {
      out[i] = points[order[i]];
    }
    return out;
  }
}
