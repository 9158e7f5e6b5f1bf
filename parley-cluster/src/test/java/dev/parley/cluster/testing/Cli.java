package dev.parley.cluster.testing;

import dev.parley.server.cli.Main;
import java.io.PrintWriter;
import java.io.StringWriter;
import picocli.CommandLine;

/** Runs one {@code parley} command in this JVM, as {@code bin/parley} would, and keeps what it printed. */
public final class Cli {
  private Cli() {}

  /** What a command printed, and its exit status. */
  public record Run(int exit, String out, String err) {}

  /** Runs {@code parley <args>}. */
  public static Run run(String... args) {
    CommandLine cli = Main.commandLine();
    StringWriter out = new StringWriter();
    StringWriter err = new StringWriter();
    cli.setOut(new PrintWriter(out));
    cli.setErr(new PrintWriter(err));
    int exit = cli.execute(args);
    return new Run(exit, out.toString(), err.toString());
  }
}
