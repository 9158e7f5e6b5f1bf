package dev.parley.demo;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

/** The demo's jar runs the whole {@code parley} command line, not only {@code demo}: cluster mode's {@code load} too. */
class MainTest {
  @Test
  void theCommandLineHasTheServersCommandsDemoAndLoad() {
    assertThat(Main.commandLine().getSubcommands()).containsKeys("serve", "report", "help", "demo", "load");
    assertThat(dev.parley.server.cli.Main.commandLine().getSubcommands()).doesNotContainKeys("demo", "load");
  }
}
