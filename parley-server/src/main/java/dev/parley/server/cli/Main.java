package dev.parley.server.cli;

import picocli.CommandLine;

/** The {@code parley} command line: {@code bin/parley <command>}. */
public final class Main {
  private Main() {}

  public static void main(String[] args) {
    System.exit(commandLine().execute(args));
  }

  /**
   * The command line with every server subcommand, for tests and embedding; {@code parley-demo}
   * adds {@code demo} to it.
   */
  public static CommandLine commandLine() {
    CommandLine commandLine = new CommandLine(new ParleyCommand());
    ServeCommand.addSettings(commandLine.getSubcommands().get("serve").getCommandSpec());
    // A store that cannot be reached or a setting that cannot be used is said in one line, not a stack trace.
    commandLine.setExecutionExceptionHandler((e, cli, parsed) -> {
      if (e instanceof IllegalArgumentException || e instanceof java.io.UncheckedIOException
          || e instanceof dev.parley.server.store.StoreException) {
        cli.getErr().println(cli.getCommandSpec().qualifiedName() + ": " + e.getMessage());
        cli.getErr().flush();
        return 1;
      }
      throw e;
    });
    return commandLine;
  }
}
