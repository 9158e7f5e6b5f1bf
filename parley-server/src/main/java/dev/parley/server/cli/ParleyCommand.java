package dev.parley.server.cli;

import picocli.CommandLine.Command;

/** The top-level {@code parley} command; it only groups the subcommands. */
@Command(
    name = "parley",
    mixinStandardHelpOptions = true,
    versionProvider = VersionProvider.class,
    description = "Analytics for AI copilots, built on Segment's AI Copilot spec.",
    subcommands = {ServeCommand.class, ReportCommand.class, TopicsCommand.class, ValidateCommand.class, ImportCommand.class, ExportCommand.class,
        KeysCommand.class, UsersCommand.class, picocli.CommandLine.HelpCommand.class})
final class ParleyCommand implements Runnable {
  @picocli.CommandLine.Spec picocli.CommandLine.Model.CommandSpec spec;

  @Override
  public void run() {
    spec.commandLine().usage(spec.commandLine().getOut());
  }
}
