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
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
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
