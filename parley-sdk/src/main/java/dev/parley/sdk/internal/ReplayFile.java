package dev.parley.sdk.internal;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * One spool file being resent: it knows how many of its batches are still out and which
 * messages could not be delivered, so that the file is deleted, or rewritten with what
 * is left, once every batch is settled. Thread-safe.
 */
final class ReplayFile {
  private final Path file;
  private final int messages;
  private final List<EncodedMessage> original;
  private final AtomicInteger pendingBatches = new AtomicInteger();
  private final ConcurrentLinkedQueue<EncodedMessage> unresolved = new ConcurrentLinkedQueue<>();

  ReplayFile(Path file, List<EncodedMessage> original) {
    this.file = file;
    this.original = List.copyOf(original);
    this.messages = original.size();
  }

  /** Sets how many batches the file was packed into, before any is sent. */
  void expect(int batches) {
    pendingBatches.set(batches);
  }

  Path file() {
    return file;
  }

  /** The number of messages the file held when it was read. */
  int messages() {
    return messages;
  }

  /** One of its batches was split in two. */
  void split() {
    pendingBatches.incrementAndGet();
  }

  /** One batch is settled; returns true when it was the last. */
  boolean settled(List<EncodedMessage> undelivered) {
    unresolved.addAll(undelivered);
    return pendingBatches.decrementAndGet() == 0;
  }

  /** Messages to keep on disk, in the file's order. */
  List<EncodedMessage> unresolved() {
    Set<String> ids = new HashSet<>();
    unresolved.forEach(m -> ids.add(m.eventId()));
    List<EncodedMessage> remaining = new ArrayList<>();
    for (EncodedMessage message : original) {
      if (ids.contains(message.eventId())) {
        remaining.add(message);
      }
    }
    return remaining;
  }
}
