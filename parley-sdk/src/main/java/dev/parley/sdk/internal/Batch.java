package dev.parley.sdk.internal;

import static java.nio.charset.StandardCharsets.US_ASCII;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;

/**
 * Messages that travel in one request, with exact byte accounting of the request body
 * {@code {"batch":[m1,m2,...],"sentAt":"..."}}.
 *
 * <p>The {@link Batcher} fills a batch on its own thread and hands it over; from then on
 * the messages never change. {@link #settle()} lets exactly one party (a response, or
 * {@code close()}) decide the batch's fate; {@link #done()} completes after that.
 */
final class Batch {
  private static final byte[] PREFIX = "{\"batch\":[".getBytes(US_ASCII);
  private static final byte[] SENT_AT = "],\"sentAt\":\"".getBytes(US_ASCII);
  private static final byte[] END = "\"}".getBytes(US_ASCII);
  private static final int TIMESTAMP_LENGTH = "2026-11-20T10:00:00.000Z".length();
  /** Body bytes of an empty batch. */
  static final int OVERHEAD = PREFIX.length + SENT_AT.length + TIMESTAMP_LENGTH + END.length;

  private static final AtomicLong SEQUENCE = new AtomicLong();

  private final long sequence = SEQUENCE.incrementAndGet();
  private final List<EncodedMessage> messages = new ArrayList<>();
  private final ReplayFile replay;
  private final AtomicInteger attempts = new AtomicInteger();
  private final AtomicBoolean settled = new AtomicBoolean();
  private final CompletableFuture<Void> done = new CompletableFuture<>();
  private int bodySize = OVERHEAD;

  /** A batch of fresh messages ({@code replay} null) or of messages read from a spool file. */
  Batch(ReplayFile replay) {
    this.replay = replay;
  }

  /** Whether {@code message} can join without passing {@code maxCount} messages or {@code maxBytes}. */
  boolean fits(EncodedMessage message, int maxCount, int maxBytes) {
    return messages.size() < maxCount && bodySize + message.size() + (messages.isEmpty() ? 0 : 1) <= maxBytes;
  }

  void add(EncodedMessage message) {
    bodySize += message.size() + (messages.isEmpty() ? 0 : 1);
    messages.add(message);
  }

  /** The request body with this {@code sentAt}, exactly {@link #bodySize()} bytes long. */
  byte[] body(String sentAt) {
    byte[] body = new byte[bodySize];
    int at = put(PREFIX, body, 0);
    for (int i = 0; i < messages.size(); i++) {
      if (i > 0) {
        body[at++] = ',';
      }
      at = put(messages.get(i).json(), body, at);
    }
    at = put(SENT_AT, body, at);
    at = put(sentAt.getBytes(US_ASCII), body, at);
    put(END, body, at);
    return body;
  }

  private static int put(byte[] from, byte[] to, int at) {
    System.arraycopy(from, 0, to, at, from.length);
    return at + from.length;
  }

  /** Splits messages into batches that respect both limits, keeping their order. */
  static List<Batch> pack(List<EncodedMessage> messages, int maxCount, int maxBytes, ReplayFile replay) {
    List<Batch> batches = new ArrayList<>();
    Batch current = new Batch(replay);
    for (EncodedMessage message : messages) {
      if (!current.isEmpty() && !current.fits(message, maxCount, maxBytes)) {
        batches.add(current);
        current = new Batch(replay);
      }
      current.add(message);
    }
    if (!current.isEmpty()) {
      batches.add(current);
    }
    return batches;
  }

  /** The two halves of this batch, for a collector that answered 413. */
  List<Batch> halves() {
    int middle = messages.size() / 2;
    Batch first = new Batch(replay);
    Batch second = new Batch(replay);
    messages.subList(0, middle).forEach(first::add);
    messages.subList(middle, messages.size()).forEach(second::add);
    return List.of(first, second);
  }

  /** Creation order: a batch made earlier holds earlier messages. */
  long sequence() {
    return sequence;
  }

  List<EncodedMessage> messages() {
    return messages;
  }

  int size() {
    return messages.size();
  }

  boolean isEmpty() {
    return messages.isEmpty();
  }

  int bodySize() {
    return bodySize;
  }

  /** The spool file these messages came from, or null for fresh messages. */
  ReplayFile replay() {
    return replay;
  }

  /** Counts one more send and returns how many there have been. */
  int attempt() {
    return attempts.incrementAndGet();
  }

  int attempts() {
    return attempts.get();
  }

  /** True for the one caller that gets to decide this batch's fate. */
  boolean settle() {
    return settled.compareAndSet(false, true);
  }

  boolean isSettled() {
    return settled.get();
  }

  CompletableFuture<Void> done() {
    return done;
  }
}
