package dev.parley.server.cli;

import static org.assertj.core.api.Assertions.assertThat;

import dev.parley.server.config.Setting;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.PrintStream;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import java.util.Set;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;
import picocli.CommandLine;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Model.OptionSpec;

/** {@code parley serve}'s options, the {@link Setting} list and the README's table say the same. */
class ServeOptionsTest {
  private static final Set<String> NOT_SETTINGS = Set.of("--config", "--help", "--version");

  private static CommandSpec serve() {
    return Main.commandLine().getSubcommands().get("serve").getCommandSpec();
  }

  @Test
  void everySettingIsAnOptionOfServeAndNothingElseIs() {
    Set<String> options = serve().options().stream().map(OptionSpec::longestName)
        .filter(name -> !NOT_SETTINGS.contains(name)).collect(Collectors.toSet());

    assertThat(options).containsExactlyInAnyOrderElementsOf(
        Arrays.stream(Setting.values()).map(Setting::flag).toList());
  }

  @Test
  void eachOptionsHelpNamesItsVariableItsYamlKeyAndItsDefault() {
    for (Setting setting : Setting.values()) {
      String help = String.join(" ", serve().findOption(setting.flag()).description());
      assertThat(help).as(setting.flag()).contains(setting.env()).contains(setting.yamlKey() + ":");
      if (setting.defaultValue() != null) {
        assertThat(help).as(setting.flag()).contains("Default " + setting.defaultValue());
      }
    }
  }

  @Test
  void helpPrintsEveryOptionAndNoPicocliWarning() {
    PrintStream err = System.err;
    ByteArrayOutputStream picocliErr = new ByteArrayOutputStream();
    StringWriter out = new StringWriter();
    try {
      System.setErr(new PrintStream(picocliErr, true, StandardCharsets.UTF_8));
      CommandLine cli = Main.commandLine();
      cli.setOut(new PrintWriter(out));
      assertThat(cli.execute("serve", "--help")).isZero();
    } finally {
      System.setErr(err);
    }

    assertThat(picocliErr.toString(StandardCharsets.UTF_8)).isEmpty();
    assertThat(out.toString()).contains("80% of the machine's RAM");
    for (Setting setting : Setting.values()) {
      assertThat(out.toString()).contains(setting.flag() + "=" + setting.paramLabel());
    }
  }

  @Test
  void flagsReachTheConfigurationAndARepeatedPatternKeepsEveryValue() {
    CommandLine cli = Main.commandLine();
    cli.parseArgs("serve", "--port", "9123", "--retention", "12h",
        "--content-pattern", "ORDER=ORD-\\d+", "--content-pattern", "TICKET=T-\\d+");
    ServeCommand serve = cli.getSubcommands().get("serve").getCommand();

    var config = serve.resolve();

    assertThat(config.port()).isEqualTo(9123);
    assertThat(config.privacy().retention()).hasValueSatisfying(d -> assertThat(d.toHours()).isEqualTo(12));
    assertThat(config.privacy().contentPatterns()).hasSize(2);
  }

  @Test
  void theReadmeTableHasARowForEverySetting() throws IOException {
    List<String> rows = Files.readAllLines(Path.of("README.md")).stream()
        .filter(line -> line.startsWith("| `--")).toList();

    for (Setting setting : Setting.values()) {
      assertThat(rows).as(setting.flag()).anySatisfy(row -> assertThat(row)
          .contains("`" + setting.flag()).contains("`" + setting.env() + "`").contains("`" + setting.yamlKey() + "`"));
    }
  }
}
