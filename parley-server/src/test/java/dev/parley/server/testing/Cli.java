package dev.parley.server.testing;

import dev.parley.server.cli.Main;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.util.List;
import picocli.CommandLine;

/** Runs one {@code parley} command in this JVM, as {@code bin/parley} would, and keeps what it printed. */
public final class Cli {
  private Cli() {}

  /** What a command printed, and its exit status. */
  public record Run(int status, String out, String err) {
    /** Standard output, line by line. */
    public List<String> lines() {
      return out.lines().toList();
    }
  }

  /** Runs {@code parley <args>}. */
  public static Run run(String... args) {
    return run(Main.commandLine(), args);
  }

  /** Runs {@code command} (one command built by the test) with {@code args}. */
  public static Run run(CommandLine command, String... args) {
    StringWriter out = new StringWriter();
    StringWriter err = new StringWriter();
    command.setOut(new PrintWriter(out));
    command.setErr(new PrintWriter(err));
    int status = command.execute(args);
    return new Run(status, out.toString(), err.toString());
  }
}
