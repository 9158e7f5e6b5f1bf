package dev.parley.server.topics;

import java.nio.ByteBuffer;
import java.nio.ByteOrder;

/** Dense float vectors: the arithmetic of clustering, and their stored form (little-endian floats). */
public final class Vectors {
  private Vectors() {}

  public static float dot(float[] a, float[] b) {
    float sum = 0;
    for (int i = 0; i < a.length; i++) {
      sum += a[i] * b[i];
    }
    return sum;
  }

  /** A copy of {@code v} scaled to length 1 (the zero vector stays zero). */
  public static float[] normalized(float[] v) {
    float[] out = v.clone();
    normalize(out);
    return out;
  }

  /** Scales {@code v} to length 1 in place (the zero vector stays zero). */
  static void normalize(float[] v) {
    double norm = 0;
    for (float x : v) {
      norm += (double) x * x;
    }
    if (norm == 0) {
      return;
    }
    float scale = (float) (1 / Math.sqrt(norm));
    for (int i = 0; i < v.length; i++) {
      v[i] *= scale;
    }
  }

  /** The index of the row of {@code centroids} most similar to {@code v} (by dot product), or -1 when none. */
  public static int nearest(float[] v, float[][] centroids) {
    int best = -1;
    float bestScore = Float.NEGATIVE_INFINITY;
    for (int c = 0; c < centroids.length; c++) {
      float s = dot(v, centroids[c]);
      if (s > bestScore) {
        bestScore = s;
        best = c;
      }
    }
    return best;
  }

  public static byte[] toBytes(float[] v) {
    ByteBuffer buffer = ByteBuffer.allocate(v.length * Float.BYTES).order(ByteOrder.LITTLE_ENDIAN);
    buffer.asFloatBuffer().put(v);
    return buffer.array();
  }

  public static float[] fromBytes(byte[] bytes) {
    if (bytes.length % Float.BYTES != 0) {
      throw new IllegalArgumentException("a stored vector has " + bytes.length + " bytes, not a multiple of 4");
    }
    float[] v = new float[bytes.length / Float.BYTES];
    ByteBuffer.wrap(bytes).order(ByteOrder.LITTLE_ENDIAN).asFloatBuffer().get(v);
    return v;
  }
}
