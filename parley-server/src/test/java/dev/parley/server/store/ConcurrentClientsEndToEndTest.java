package dev.parley.server.store;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.parley.server.testing.Messages;
import dev.parley.server.testing.TestServer;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Many clients at once, each also resending one of its batches: every event is stored exactly once. */
class ConcurrentClientsEndToEndTest {
  private static final int CLIENTS = 16;
  private static final int EVENTS_PER_CLIENT = 1_000;
  private static final int BATCH = 100;

  @TempDir Path dataDir;

  @Test
  void sixteenClientsOfAThousandEventsAreAllStoredExactlyOnce() throws Exception {
    try (TestServer server = TestServer.start(dataDir)) {
      ExecutorService pool = Executors.newFixedThreadPool(CLIENTS);
      List<Future<List<Integer>>> results = new ArrayList<>();
      for (int client = 0; client < CLIENTS; client++) {
        int c = client;
        results.add(pool.submit(() -> send(server, c)));
      }
      List<Integer> statuses = new ArrayList<>();
      for (Future<List<Integer>> result : results) {
        statuses.addAll(result.get());
      }
      pool.shutdown();

      assertThat(statuses).containsOnly(200);
      server.awaitLoaded();
      try (Connection c = server.server().collector().store().readConnections().open();
          Statement st = c.createStatement();
          ResultSet rs = st.executeQuery("SELECT count(*), count(DISTINCT message_id), count(DISTINCT seq) FROM events")) {
        rs.next();
        assertThat(rs.getLong(1)).isEqualTo(CLIENTS * EVENTS_PER_CLIENT);
        assertThat(rs.getLong(2)).isEqualTo(CLIENTS * EVENTS_PER_CLIENT);
        assertThat(rs.getLong(3)).isEqualTo(CLIENTS * EVENTS_PER_CLIENT);
      }
    }
  }

  private static List<Integer> send(TestServer server, int client) {
    List<Integer> statuses = new ArrayList<>();
    String first = null;
    for (int start = 0; start < EVENTS_PER_CLIENT; start += BATCH) {
      List<ObjectNode> messages = new ArrayList<>();
      for (int i = start; i < start + BATCH; i++) {
        messages.add(Messages.started("client-" + client, "conv-" + client, "c" + client + "-e" + i));
      }
      String body = Messages.batch(messages);
      first = first == null ? body : first;
      HttpResponse<String> response = server.post("/v1/batch", body);
      statuses.add(response.statusCode());
    }
    statuses.add(server.post("/v1/batch", first).statusCode());
    return statuses;
  }
}
