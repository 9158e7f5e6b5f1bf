package dev.parley.demo;

import dev.parley.cluster.cli.LoadCommand;
import dev.parley.demo.cluster.ClusterCommand;
import picocli.CommandLine;

/**
 * The {@code parley} command line with {@code demo}, cluster mode's {@code load} and {@code cluster} (one on this machine) added to
 * the server's commands; the entry point of {@code parley-demo.jar}, which {@code bin/parley} runs.
 */
public final class Main {
  private Main() {}

  public static void main(String[] args) {
    System.exit(commandLine().execute(args));
  }

  /** The server's command line ({@code serve}, {@code report}, ...), {@code demo}, {@code load} and {@code cluster}. */
  public static CommandLine commandLine() {
    CommandLine commandLine = dev.parley.server.cli.Main.commandLine();
    commandLine.addSubcommand("demo", new DemoCommand());
    commandLine.addSubcommand("load", new LoadCommand());
    commandLine.addSubcommand("cluster", new ClusterCommand());
    return commandLine;
  }
}
