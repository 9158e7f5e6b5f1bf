package dev.parley.server.topics;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/** A stand-in for the model in tests: each word adds 1 to a dimension chosen by its hash; texts sharing words are similar. */
final class WordHashEmbedder implements TextEmbedder {
  static final int DIMENSION = 256;
  int calls;

  @Override
  public int dimension() {
    return DIMENSION;
  }

  @Override
  public List<float[]> embed(List<String> texts) {
    calls++;
    List<float[]> out = new ArrayList<>();
    for (String text : texts) {
      float[] v = new float[DIMENSION];
      for (String w : text.toLowerCase(Locale.ROOT).split("[^a-z]+")) {
        if (!w.isEmpty()) {
          v[Math.floorMod(w.hashCode(), DIMENSION)] += 1;
        }
      }
      out.add(Vectors.normalized(v));
    }
    return out;
  }
}
