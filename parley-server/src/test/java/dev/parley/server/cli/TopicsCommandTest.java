package dev.parley.server.cli;

import static org.assertj.core.api.Assertions.assertThat;

import dev.parley.server.analytics.TimePoint;
import dev.parley.server.analytics.TimeWindow;
import dev.parley.server.analytics.TopicQueries;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.List;
import org.junit.jupiter.api.Test;
import picocli.CommandLine;

class TopicsCommandTest {
  private static final Instant T = Instant.parse("2026-12-01T00:00:00Z");

  @Test
  void theTableShowsEachTopicItsFiguresAndAnExample() {
    TopicQueries.Topic refund = new TopicQueries.Topic(3, "refund, money, back", List.of("refund", "money", "back"), 412,
        0.334, 0.021, 3.2, 0.18, 1234.0, "day", List.of(new TimePoint(T, 412.0)),
        List.of(new TopicQueries.Example("c1", "I want my money back for order 4821")));
    TopicQueries.Topic renaming = new TopicQueries.Topic(4, null, null, 10, 0.01, null, null, null, null, "day",
        List.of(), List.of());
    String table = TopicsCommand.render(new TopicQueries.Overview(List.of(refund, renaming),
        new TopicQueries.Status(1300, 1234, 1200, T, 100, "66 conversations have no text (content mode hash or drop)")),
        new TimeWindow(T.minusSeconds(86_400 * 7), T));
    assertThat(table).contains("1,300 conversations read, 1,234 with text, 1,200 in a topic")
        .contains("note: 66 conversations have no text")
        .containsPattern("3  refund, money, back\\s+412\\s+33.4%\\s+2.1%\\s+3.20\\s+18.0%\\s+1.23 s")
        .contains("e.g. \"I want my money back for order 4821\"")
        .containsPattern("4  \\(being renamed\\)\\s+10\\s+1.0%\\s+-\\s+-\\s+-\\s+-");
  }

  @Test
  void recomputeWithoutAServerIsABadOption() {
    StringWriter err = new StringWriter();
    int status = new CommandLine(new TopicsCommand(Clock.fixed(T, ZoneOffset.UTC))).setErr(new PrintWriter(err))
        .execute("--recompute");
    assertThat(status).isEqualTo(ReportCommand.BAD_OPTIONS);
    assertThat(err.toString()).contains("--recompute needs --server");
  }
}
