package dev.parley.server.ingest;

import dev.parley.spec.MessageType;
import dev.parley.spec.SegmentLimits;
import java.util.List;
import java.util.Optional;

/**
 * The ingest paths of Segment's HTTP Tracking API, with analytics.js's short forms. A
 * single-message endpoint implies its message type; {@code batch} and {@code import} carry
 * a {@code batch} array.
 */
enum Endpoint {
  TRACK(MessageType.TRACK, "/v1/track", "/v1/t"),
  IDENTIFY(MessageType.IDENTIFY, "/v1/identify", "/v1/i"),
  PAGE(MessageType.PAGE, "/v1/page", "/v1/p"),
  SCREEN(MessageType.SCREEN, "/v1/screen", "/v1/s"),
  GROUP(MessageType.GROUP, "/v1/group", "/v1/g"),
  ALIAS(MessageType.ALIAS, "/v1/alias", "/v1/a"),
  BATCH(null, "/v1/batch", "/v1/b", "/v1/import");

  private final MessageType impliedType;
  private final List<String> paths;

  Endpoint(MessageType impliedType, String... paths) {
    this.impliedType = impliedType;
    this.paths = List.of(paths);
  }

  /** The type of the message a single-message endpoint carries; empty for batches. */
  Optional<MessageType> impliedType() {
    return Optional.ofNullable(impliedType);
  }

  boolean isBatch() {
    return impliedType == null;
  }

  List<String> paths() {
    return paths;
  }

  int byteLimit() {
    return isBatch() ? SegmentLimits.MAX_BATCH_BYTES : SegmentLimits.MAX_MESSAGE_BYTES;
  }

  /**
   * The most bytes read off the wire for a body in {@code contentEncoding}: the limit itself,
   * or for gzip twice that (a compressed body is checked against the limit once decompressed;
   * compression never doubles a body's size).
   */
  int rawByteLimit(String contentEncoding) {
    boolean identity = contentEncoding == null || contentEncoding.isBlank()
        || contentEncoding.trim().equalsIgnoreCase("identity");
    return identity ? byteLimit() : 2 * byteLimit();
  }

  String byteLimitName() {
    return isBatch() ? "500 KB per request" : "32 KB per message";
  }
}
