package dev.parley.server.store;

import static org.assertj.core.api.Assertions.assertThat;

import dev.parley.server.ingest.NormalisedEvent;
import dev.parley.server.ingest.SinkUnavailableException;
import dev.parley.server.ingest.Submission;
import dev.parley.server.metrics.Metrics;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.Test;

class GroupCommitWriterTest {
  /** A store whose commits wait until the test lets them through. */
  static final class GatedStore implements EventStore {
    final CountDownLatch gate = new CountDownLatch(1);
    final CountDownLatch entered = new CountDownLatch(1);
    final List<Integer> groups = new ArrayList<>();

    @Override
    public CommitResult commit(List<Submission> submissions) {
      entered.countDown();
      try {
        gate.await(10, TimeUnit.SECONDS);
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
      }
      synchronized (groups) {
        groups.add(submissions.size());
      }
      return new CommitResult(submissions.size(), 0);
    }

    @Override
    public ReadConnections readConnections() {
      throw new UnsupportedOperationException();
    }

    @Override
    public void close() {}
  }

  /** A store that counts the events waiting to be folded; its first folds can be made to fail. */
  static final class FoldingStore implements EventStore {
    final AtomicLong waiting = new AtomicLong();
    final AtomicInteger failures = new AtomicInteger();
    final List<Integer> slices = new CopyOnWriteArrayList<>();
    final CountDownLatch caughtUp = new CountDownLatch(1);

    @Override
    public CommitResult commit(List<Submission> submissions) {
      int stored = submissions.stream().mapToInt(s -> s.events().size()).sum();
      waiting.addAndGet(stored);
      return new CommitResult(stored, 0);
    }

    @Override
    public long fold(int maxEvents) {
      slices.add(maxEvents);
      if (failures.getAndDecrement() > 0) {
        throw new StoreException("disk full", null);
      }
      long folded = Math.min(maxEvents, waiting.get());
      if (waiting.addAndGet(-folded) == 0) {
        caughtUp.countDown();
      }
      return folded;
    }

    @Override
    public long unfolded() {
      return waiting.get();
    }

    @Override
    public ReadConnections readConnections() {
      throw new UnsupportedOperationException();
    }

    @Override
    public void close() {}
  }

  static Submission oneEvent(String id) {
    Instant now = Instant.now();
    return new Submission(List.of(new NormalisedEvent("src", id, "track", "E", "u", null, null, null, null, null,
        null, null, null, null, null, null, now, null, null, now, "{}", List.of())), List.of());
  }

  @Test
  void nothingIsAcknowledgedBeforeItsCommitAndOneCommitCarriesManyRequests() throws Exception {
    GatedStore store = new GatedStore();
    GroupCommitWriter writer = new GroupCommitWriter(store, Duration.ofMillis(50), 2_500, new Metrics()).start();
    List<CompletableFuture<Void>> acks = new ArrayList<>();
    for (int i = 0; i < 20; i++) {
      acks.add(writer.submit(oneEvent("m" + i)));
    }
    assertThat(store.entered.await(10, TimeUnit.SECONDS)).as("the writer is inside a commit").isTrue();
    assertThat(acks).as("held inside the commit, nothing is acknowledged").noneMatch(CompletableFuture::isDone);

    store.gate.countDown();
    CompletableFuture.allOf(acks.toArray(CompletableFuture[]::new)).get(10, TimeUnit.SECONDS);
    writer.close();

    assertThat(store.groups.stream().mapToInt(Integer::intValue).sum()).isEqualTo(20);
    assertThat(store.groups.size()).isLessThan(20);
  }

  @Test
  void aFullQueueIsRefusedAtOnceWithRetryAfter() throws Exception {
    GatedStore store = new GatedStore();
    GroupCommitWriter writer = new GroupCommitWriter(store, Duration.ofMillis(1), 2_500, new Metrics()).start();
    List<CompletableFuture<Void>> accepted = new ArrayList<>();
    for (int i = 0; i < 2_500; i++) {
      accepted.add(writer.submit(oneEvent("q" + i)));
    }

    CompletableFuture<Void> overflow = writer.submit(oneEvent("overflow"));

    assertThat(overflow).isCompletedExceptionally();
    try {
      overflow.get();
    } catch (ExecutionException e) {
      assertThat(e.getCause()).isInstanceOf(SinkUnavailableException.class);
      assertThat(((SinkUnavailableException) e.getCause()).retryAfterSeconds()).isPositive();
    }
    store.gate.countDown();
    CompletableFuture.allOf(accepted.toArray(CompletableFuture[]::new)).get(10, TimeUnit.SECONDS);
    writer.close();
  }

  @Test
  void whatWaitsIsFoldedOnceTheWriterIsIdleInBoundedSlices() throws Exception {
    FoldingStore store = new FoldingStore();
    store.waiting.set(GroupCommitWriter.FOLD_SLICE * 2L + 1);
    GroupCommitWriter writer = new GroupCommitWriter(store, Duration.ofMillis(1), 2_500, new Metrics()).start();
    writer.submit(oneEvent("one")).get(10, TimeUnit.SECONDS);

    assertThat(store.caughtUp.await(10, TimeUnit.SECONDS)).as("everything folded").isTrue();
    writer.close();
    assertThat(store.slices).hasSizeGreaterThanOrEqualTo(3).containsOnly(GroupCommitWriter.FOLD_SLICE);
  }

  @Test
  void aFailedFoldIsRetriedAndDoesNotStopIngest() throws Exception {
    FoldingStore store = new FoldingStore();
    store.failures.set(2);
    GroupCommitWriter writer = new GroupCommitWriter(store, Duration.ofMillis(1), 2_500, new Metrics()).start();
    writer.submit(oneEvent("first")).get(10, TimeUnit.SECONDS);

    assertThat(store.caughtUp.await(10, TimeUnit.SECONDS)).as("folded after two failures").isTrue();
    assertThat(store.slices).hasSizeGreaterThanOrEqualTo(3);
    assertThat(writer.ready()).isTrue();
    writer.submit(oneEvent("second")).get(10, TimeUnit.SECONDS);
    writer.close();
  }

  @Test
  void closingCommitsWhatWasAcceptedAndRefusesTheRest() throws Exception {
    GatedStore store = new GatedStore();
    store.gate.countDown();
    GroupCommitWriter writer = new GroupCommitWriter(store, Duration.ofMillis(20), 2_500, new Metrics()).start();
    CompletableFuture<Void> accepted = writer.submit(oneEvent("before"));

    writer.close();

    assertThat(accepted).isCompleted().isNotCompletedExceptionally();
    assertThat(writer.submit(oneEvent("after"))).isCompletedExceptionally();
    assertThat(writer.ready()).isFalse();
  }
}
