package dev.parley.server.cli;

import static org.assertj.core.api.Assertions.assertThat;

import dev.parley.server.api.AnalyticsRoutes;
import dev.parley.server.testing.Cli;
import dev.parley.server.testing.CopilotScenario;
import dev.parley.server.testing.HoldStoreOpen;
import dev.parley.server.testing.RawSql;
import dev.parley.server.testing.StoredEvent;
import dev.parley.server.testing.TestStore;
import io.javalin.Javalin;
import java.io.BufferedReader;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.util.ArrayList;
import java.util.List;
import org.duckdb.DuckDBConnection;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import picocli.CommandLine;

class ReportCommandTest {
  @TempDir static Path data;

  private static final String[] WINDOW = {"--from", "2026-11-13T12:00:00Z", "--to", "2026-11-20T12:00:00Z"};

  @BeforeAll
  static void writeScenario() throws Exception {
    try (TestStore store = TestStore.create(data)) {
      CopilotScenario.write(store);
    }
  }

  private static Cli.Run report(String... args) {
    return Cli.run(new CommandLine(new ReportCommand(CopilotScenario.clock())), args);
  }

  private static String[] with(String... more) {
    List<String> all = new ArrayList<>(List.of(WINDOW));
    all.addAll(List.of(more));
    return all.toArray(String[]::new);
  }

  @Test
  void printsTheSummaryOfADataDirectoryAsATable() {
    Cli.Run run = report(with("--data", data.toString()));
    assertThat(run.err()).isEmpty();
    assertThat(run.status()).isZero();
    assertThat(run.out()).isEqualTo("""
        Parley report, 2026-11-13T12:00:00Z to 2026-11-20T12:00:00Z

        Conversations        55  (started 55, ended 32, abandoned 10)
        Messages             sent 80, received 72, per conversation 3.04
        Users                40
        Conversion           7.3%
        Violations           3

                                    p50        p90        p99
        Response latency         1.30 s     2.70 s     3.87 s
        Duration                53.00 s     1m 15s     1m 19s

        Ratings: 16 (11 of messages, 5 of conversations), average 3.19
          5  #########                      2
          4  ############################## 7
          3  #########                      2
          2  #########                      2
          1  #############                  3

        Top actions
          tool / search    5
          tool / checkout  2
          link / open      1
        Top outcomes
          Item Purchased  4 in 3 conversations
          Ticket Opened   1 in 1 conversation
        """);
  }

  @Test
  void printsTokensAndCostPricedByTheConfigFile(@TempDir Path dir) throws Exception {
    Path withUsage = Files.createDirectories(dir.resolve("data"));
    try (TestStore store = TestStore.create(withUsage)) {
      CopilotScenario.write(store);
      long reply = store.insert(StoredEvent.track("Message Received", "usage-c", CopilotScenario.TO.minusSeconds(60))
          .message("usage-r").body("answer").user("usage-u"));
      store.usage(reply, "m-a", 2_000_000L, 1_000L, null);
    }
    Path config = dir.resolve("parley.yml");
    Files.writeString(config, "currency: EUR\nprices:\n  m-a: {input: 1.25, output: 2.0}\n");

    Cli.Run run = report(with("--data", withUsage.toString(), "--config", config.toString()));

    assertThat(run.err()).isEmpty();
    assertThat(run.out()).contains("Tokens               input 2000000, output 1000\n")
        .contains("Cost                 2.50 EUR  (per conversation p50 2.50 EUR, p90 2.50 EUR; with an outcome -)\n");
    assertThat(report(with("--data", withUsage.toString(), "--config", dir.resolve("none.yml").toString())).out())
        .as("without prices").contains("Cost                 -  (per conversation p50 -, p90 -; with an outcome -;"
            + " 1 events unpriced)");
  }

  @Test
  void readsAStoreWrittenBeforeConversationFactsExisted(@TempDir Path old) throws Exception {
    assertReadsLikeTheScenario(old, "DROP TABLE conversation_facts", "DROP TABLE conversation_facts_state");
  }

  @Test
  void readsAStoreWithConversationFactsOfAnOlderVersion(@TempDir Path old) throws Exception {
    assertReadsLikeTheScenario(old, "DROP TABLE conversation_facts",
        "CREATE TABLE conversation_facts (conversation_id VARCHAR, first_ts TIMESTAMP, last_ts TIMESTAMP,"
            + " started BOOLEAN, ended BOOLEAN)",
        "INSERT INTO conversation_facts VALUES ('e01', TIMESTAMP '2000-01-01', TIMESTAMP '2000-01-01', false, false)",
        "UPDATE conversation_facts_state SET through_seq = 1000000");
  }

  @Test
  void readsAStoreWhoseConversationFactsNoLongerMatchItsEvents(@TempDir Path old) throws Exception {
    assertReadsLikeTheScenario(old, "INSERT INTO conversation_facts SELECT 'e01', TIMESTAMP '2000-01-01',"
            + " TIMESTAMP '2000-01-01', NULL, NULL, NULL, NULL, 0, NULL, 0, false",
        "UPDATE conversation_facts_state SET through_seq = 1000000, folded_events = 1");
  }

  /** Writes the scenario into {@code old}, runs {@code changes} on it, and reports on it read-only. */
  private static void assertReadsLikeTheScenario(Path old, String... changes) throws Exception {
    try (TestStore store = TestStore.create(old)) {
      CopilotScenario.write(store);
    }
    RawSql.execute(old, changes);
    Cli.Run run = report(with("--data", old.toString()));
    assertThat(run.err()).isEmpty();
    assertThat(run.out()).isEqualTo(report(with("--data", data.toString())).out())
        .contains("Conversations        55  (started 55, ended 32, abandoned 10)");
  }

  @Test
  void printsJsonWhenAsked() {
    Cli.Run run = report(with("--data", data.toString(), "--json"));
    assertThat(run.status()).isZero();
    assertThat(run.out()).contains("\"conversations\" : 55", "\"from\" : \"2026-11-13T12:00:00Z\"");
  }

  @Test
  void asksARunningServerWithTheAdminToken() throws Exception {
    try (Connection base = DriverManager.getConnection("jdbc:duckdb:" + data.resolve("parley.duckdb"))) {
      AnalyticsRoutes routes = new AnalyticsRoutes(((DuckDBConnection) base)::duplicate,
          CopilotScenario.clock(), CopilotScenario.IDLE_TIMEOUT);
      Javalin app = Javalin.create(cfg -> {
        cfg.routes.before("/api/*", ctx -> {
          if (!"Bearer secret".equals(ctx.header("Authorization"))) {
            ctx.status(401).result("{\"error\":\"unauthorized\"}");
            ctx.skipRemainingHandlers();
          }
        });
        routes.register(cfg.routes);
      }).start("127.0.0.1", 0);
      try {
        String url = "http://127.0.0.1:" + app.port() + "/";
        Cli.Run run = report(with("--server", url, "--admin-token", "secret"));
        assertThat(run.err()).isEmpty();
        assertThat(run.out()).contains("Conversations        55  (started 55, ended 32, abandoned 10)",
            "  4  ############################## 7", "  Item Purchased  4 in 3 conversations");

        Cli.Run refused = report(with("--server", url, "--admin-token", "wrong"));
        assertThat(refused.status()).isEqualTo(ReportCommand.UNAVAILABLE);
        assertThat(refused.err()).contains("refused the admin token (HTTP 401)");
      } finally {
        app.stop();
      }
    }
  }

  @Test
  void saysWhenARunningServerHoldsTheStore() throws Exception {
    Process holder = new ProcessBuilder(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
        "-cp", System.getProperty("java.class.path"), HoldStoreOpen.class.getName(),
        data.resolve("parley.duckdb").toString()).redirectErrorStream(true).start();
    try {
      BufferedReader lines = new BufferedReader(new InputStreamReader(holder.getInputStream(), StandardCharsets.UTF_8));
      assertThat(lines.readLine()).isEqualTo("ready");
      Cli.Run run = report(with("--data", data.toString()));
      assertThat(run.status()).isEqualTo(ReportCommand.UNAVAILABLE);
      assertThat(run.err()).contains("is in use by a running Parley server", "--server");
    } finally {
      holder.getOutputStream().close();
      holder.waitFor();
    }
  }

  @Test
  void explainsAMissingStoreAndBadDates() {
    Cli.Run missing = report(with("--data", data.resolve("nowhere").toString()));
    assertThat(missing.status()).isEqualTo(ReportCommand.UNAVAILABLE);
    assertThat(missing.err()).contains("no store at", "--server");
    Cli.Run badDate = report("--from", "last tuesday", "--data", data.toString());
    assertThat(badDate.status()).isEqualTo(ReportCommand.BAD_OPTIONS);
  }

  @Test
  void isASubcommandOfParley() {
    assertThat(Main.commandLine().getSubcommands()).containsKey("report");
  }
}
