package dev.parley.server.topics;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import org.junit.jupiter.api.Test;

class TopicClusteringTest {
  /** {@code groups} tight groups of {@code each} unit vectors around random directions in {@code dim} dimensions. */
  static float[][] blobs(int groups, int each, int dim, double spread, long seed, List<Integer> truth) {
    Random random = new Random(seed);
    float[][] centres = new float[groups][dim];
    for (float[] c : centres) {
      for (int j = 0; j < dim; j++) {
        c[j] = (float) random.nextGaussian();
      }
      Vectors.normalize(c);
    }
    float[][] points = new float[groups * each][];
    for (int g = 0; g < groups; g++) {
      for (int i = 0; i < each; i++) {
        float[] p = new float[dim];
        for (int j = 0; j < dim; j++) {
          p[j] = centres[g][j] + (float) (random.nextGaussian() * spread / Math.sqrt(dim));
        }
        Vectors.normalize(p);
        points[g * each + i] = p;
        truth.add(g);
      }
    }
    return points;
  }

  @Test
  void findsTheNumberOfWellSeparatedGroupsAndTheirMembers() {
    for (int groups : new int[] {3, 7, 12}) {
      List<Integer> truth = new ArrayList<>();
      float[][] points = blobs(groups, 60, 48, 0.6, groups, truth);
      TopicClustering.Result result = TopicClustering.cluster(points, 1);
      assertThat(result.k()).as("k for %d groups", groups).isEqualTo(groups);
      List<Integer> found = Arrays.stream(result.assignment()).boxed().toList();
      assertThat(AdjustedRand.of(truth, found)).as("ARI for %d groups", groups).isGreaterThan(0.95);
    }
  }

  @Test
  void questionsAskedManyTimesOverDoNotSplitTheirGroup() {
    // three groups of 20 distinct questions; every question then asked 15 times over
    List<Integer> truth = new ArrayList<>();
    float[][] distinct = blobs(3, 20, 32, 1.6, 21, truth);
    float[][] repeated = new float[distinct.length * 15][];
    List<Integer> repeatedTruth = new ArrayList<>();
    for (int i = 0; i < repeated.length; i++) {
      repeated[i] = distinct[i % distinct.length];
      repeatedTruth.add(truth.get(i % distinct.length));
    }
    TopicClustering.Result result = TopicClustering.cluster(repeated, 1);
    assertThat(result.k()).isEqualTo(3);
    assertThat(AdjustedRand.of(repeatedTruth, Arrays.stream(result.assignment()).boxed().toList())).isEqualTo(1.0);
  }

  @Test
  void isDeterministicForASeed() {
    List<Integer> truth = new ArrayList<>();
    float[][] points = blobs(5, 40, 32, 1.0, 9, truth);
    assertThat(TopicClustering.cluster(points, 3).assignment()).isEqualTo(TopicClustering.cluster(points, 3).assignment());
  }

  @Test
  void refusesTooFewPoints() {
    assertThatThrownBy(() -> TopicClustering.cluster(new float[10][4], 1))
        .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("too few points");
  }

  @Test
  void centroidsAreUnitVectorsAndEachPointIsWithItsNearest() {
    List<Integer> truth = new ArrayList<>();
    float[][] points = blobs(4, 50, 16, 1.5, 5, truth);
    TopicClustering.Result result = TopicClustering.cluster(points, 2);
    for (float[] c : result.centroids()) {
      assertThat(Vectors.dot(c, c)).isCloseTo(1f, org.assertj.core.data.Offset.offset(1e-4f));
    }
    for (int i = 0; i < points.length; i++) {
      assertThat(result.assignment()[i]).isEqualTo(Vectors.nearest(points[i], result.centroids()));
    }
  }

  @Test
  void adjustedRandIsOneForTheSameGroupingUnderOtherNamesAndNearZeroForChance() {
    assertThat(AdjustedRand.of(List.of(1, 1, 2, 2, 3), List.of("b", "b", "a", "a", "c"))).isEqualTo(1.0);
    Random random = new Random(4);
    List<Integer> a = new ArrayList<>();
    List<Integer> b = new ArrayList<>();
    for (int i = 0; i < 5000; i++) {
      a.add(random.nextInt(8));
      b.add(random.nextInt(8));
    }
    assertThat(AdjustedRand.of(a, b)).isBetween(-0.02, 0.02);
    // a known value: sklearn's adjusted_rand_score([0,0,1,1], [0,0,1,2]) = 0.5714...
    assertThat(AdjustedRand.of(List.of(0, 0, 1, 1), List.of(0, 0, 1, 2))).isCloseTo(0.5714, org.assertj.core.data.Offset.offset(1e-3));
  }

  @Test
  void storedVectorsReadBackExactly() {
    float[] v = {1.5f, -0.25f, 0f, Float.MIN_VALUE, 3e10f};
    assertThat(Vectors.fromBytes(Vectors.toBytes(v))).containsExactly(v);
  }
}
