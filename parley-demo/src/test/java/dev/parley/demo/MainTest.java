package dev.parley.demo;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

/** The demo's jar runs the whole {@code parley} command line, not only {@code demo}. */
class MainTest {
  @Test
  void theCommandLineHasTheServersCommandsAndDemo() {
    assertThat(Main.commandLine().getSubcommands()).containsKeys("serve", "report", "help", "demo");
    assertThat(dev.parley.server.cli.Main.commandLine().getSubcommands()).doesNotContainKey("demo");
  }
}
