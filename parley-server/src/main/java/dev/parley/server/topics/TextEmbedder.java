package dev.parley.server.topics;

import java.util.List;

/** Turns texts into unit-length vectors whose dot product is their similarity. Thread-safe. */
public interface TextEmbedder {
  /** The length of every vector. */
  int dimension();

  /** One unit vector per text, in order. */
  List<float[]> embed(List<String> texts);
}
