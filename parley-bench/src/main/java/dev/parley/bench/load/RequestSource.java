package dev.parley.bench.load;

/** What a {@link LoadPhase} sends: bodies of a given size, to one route, as one content type. */
interface RequestSource {
  /** The route, such as {@code /v1/batch}. */
  String path();

  /** The body's Content-Type. */
  String contentType();

  /** A fresh body of {@code size} units (events or spans); every call uses new ids. */
  byte[] body(int size);

  /** The events the collector stores for a body of {@code size} units. */
  default long eventsIn(int size) {
    return size;
  }
}
