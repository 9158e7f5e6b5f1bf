package dev.parley.server.load;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.parley.server.ingest.NormalisedEvent;
import dev.parley.server.ingest.Submission;
import dev.parley.server.log.FileLog;
import dev.parley.server.testing.Submissions;
import dev.parley.server.metrics.Metrics;
import dev.parley.server.privacy.Suppressions;
import dev.parley.server.store.EventStore;
import dev.parley.server.store.ReadConnections;
import dev.parley.server.store.StoreException;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class LoaderTest {
  @TempDir Path dir;

  /** A store in memory: what it loaded, and the position recorded with it. */
  static class MemoryStore implements EventStore {
    final List<String> ids = Collections.synchronizedList(new ArrayList<>());
    final AtomicInteger failLoads = new AtomicInteger();
    final AtomicLong waiting = new AtomicLong();
    final AtomicInteger foldFailures = new AtomicInteger();
    final List<Integer> slices = Collections.synchronizedList(new ArrayList<>());
    final CountDownLatch caughtUp = new CountDownLatch(1);
    volatile long position;

    @Override
    public CommitResult commit(List<Submission> submissions) {
      throw new UnsupportedOperationException();
    }

    @Override
    public CommitResult load(List<Submission> submissions, long logPosition) {
      if (failLoads.getAndUpdate(n -> Math.max(0, n - 1)) > 0) {
        throw new StoreException("disk full", null);
      }
      int stored = 0;
      for (Submission s : submissions) {
        for (NormalisedEvent e : s.events()) {
          ids.add(e.messageId());
          stored++;
        }
      }
      position = logPosition;
      return new CommitResult(stored, 0);
    }

    @Override
    public long logPosition() {
      return position;
    }

    @Override
    public long fold(int maxEvents) {
      if (foldFailures.getAndUpdate(n -> Math.max(0, n - 1)) > 0) {
        throw new StoreException("fold failed", null);
      }
      slices.add(maxEvents);
      long left = waiting.updateAndGet(w -> Math.max(0, w - maxEvents));
      if (left == 0) {
        caughtUp.countDown();
      }
      return maxEvents;
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

  private FileLog log() throws Exception {
    return FileLog.open(dir, 0, FileLog.Settings.defaults(), Clock.systemUTC(), new Metrics());
  }

  private static Loader loader(FileLog log, MemoryStore store) {
    return new Loader(log, store, new Metrics(), new Suppressions(), Clock.systemUTC(), Duration.ofSeconds(10));
  }

  @Test
  void theLogIsLoadedInOrderAndThePositionGoesWithIt() throws Exception {
    MemoryStore store = new MemoryStore();
    try (FileLog log = log(); Loader loader = loader(log, store).start()) {
      for (int i = 0; i < 100; i++) {
        log.submit(Submissions.of("m" + i)).get(10, TimeUnit.SECONDS);
      }
      assertThat(loader.awaitLoaded(Duration.ofSeconds(10))).isTrue();

      assertThat(store.ids).hasSize(100).startsWith("m0", "m1").endsWith("m99");
      assertThat(store.position).isEqualTo(log.end()).isEqualTo(loader.position());
      assertThat(loader.lagBytes()).isZero();
      assertThat(loader.lag()).isZero();
      assertThat(loader.ready()).isTrue();
    }
  }

  @Test
  void aFailingStoreLosesNothingAndTheLoaderCatchesUpWhenItRecovers() throws Exception {
    MemoryStore store = new MemoryStore();
    store.failLoads.set(3);
    try (FileLog log = log(); Loader loader = loader(log, store).start()) {
      log.submit(Submissions.of("a", "b")).get(10, TimeUnit.SECONDS);
      log.submit(Submissions.of("c")).get(10, TimeUnit.SECONDS);

      assertThat(loader.awaitLoaded(Duration.ofSeconds(20))).isTrue();
      assertThat(store.ids).containsExactly("a", "b", "c");
      assertThat(loader.ready()).isTrue();
    }
  }

  @Test
  void theLoaderStartsAtTheStoresPosition() throws Exception {
    MemoryStore store = new MemoryStore();
    try (FileLog log = log()) {
      log.submit(Submissions.of("loaded-before")).get(10, TimeUnit.SECONDS);
      store.position = log.end();
      log.submit(Submissions.of("new")).get(10, TimeUnit.SECONDS);
      try (Loader loader = loader(log, store).start()) {
        assertThat(loader.awaitLoaded(Duration.ofSeconds(10))).isTrue();
      }
    }
    assertThat(store.ids).containsExactly("new");
  }

  @Test
  void closingLoadsEverythingTheLogAcknowledged() throws Exception {
    MemoryStore store = new MemoryStore();
    try (FileLog log = log()) {
      Loader loader = loader(log, store).start();
      for (int i = 0; i < 20; i++) {
        log.submit(Submissions.of("c" + i)).get(10, TimeUnit.SECONDS);
      }
      loader.close();
      assertThat(store.ids).hasSize(20);
      assertThat(loader.ready()).isFalse();
    }
  }

  @Test
  void eventsOfSuppressedUsersAreNotLoaded() throws Exception {
    MemoryStore store = new MemoryStore();
    Suppressions suppressions = new Suppressions();
    try (FileLog log = log();
        Loader loader = new Loader(log, store, new Metrics(), suppressions, Clock.systemUTC(), Duration.ofSeconds(10))) {
      log.submit(Submissions.of("of-u")).get(10, TimeUnit.SECONDS); // userId "u"
      suppressions.addAll(List.of("u"));
      loader.start();
      assertThat(loader.awaitLoaded(Duration.ofSeconds(10))).isTrue();
    }
    assertThat(store.ids).isEmpty();
  }

  @Test
  void maintenanceRunsOnTheLoaderThreadAndCanLoadThroughAPosition() throws Exception {
    MemoryStore store = new MemoryStore();
    try (FileLog log = log(); Loader loader = loader(log, store)) {
      log.submit(Submissions.of("x")).get(10, TimeUnit.SECONDS);
      long end = log.end();
      assertThatThrownBy(() -> loader.loadThrough(end)).isInstanceOf(IllegalStateException.class);
      var seen = loader.maintain(s -> {
        loader.loadThrough(end);
        return List.copyOf(store.ids);
      });
      loader.start();
      assertThat(seen.get(10, TimeUnit.SECONDS)).containsExactly("x");
    }
  }

  @Test
  void whatWaitsIsFoldedOnceTheLoaderIsIdleInBoundedSlices() throws Exception {
    MemoryStore store = new MemoryStore();
    store.waiting.set(Loader.FOLD_SLICE * 2L + 1);
    try (FileLog log = log(); Loader loader = loader(log, store).start()) {
      assertThat(store.caughtUp.await(10, TimeUnit.SECONDS)).as("everything folded").isTrue();
    }
    assertThat(store.slices).hasSizeGreaterThanOrEqualTo(3).containsOnly(Loader.FOLD_SLICE);
  }

  @Test
  void aFailedFoldIsRetriedAndDoesNotStopLoading() throws Exception {
    MemoryStore store = new MemoryStore();
    store.waiting.set(10);
    store.foldFailures.set(2);
    try (FileLog log = log(); Loader loader = loader(log, store).start()) {
      assertThat(store.caughtUp.await(10, TimeUnit.SECONDS)).as("folded after two failures").isTrue();
      log.submit(Submissions.of("after")).get(10, TimeUnit.SECONDS);
      assertThat(loader.awaitLoaded(Duration.ofSeconds(10))).isTrue();
      assertThat(store.ids).containsExactly("after");
      assertThat(loader.ready()).isTrue();
    }
  }
}
