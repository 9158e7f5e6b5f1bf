package dev.parley.server.cli;

import dev.parley.server.Collector;
import dev.parley.server.config.ServerConfig;
import dev.parley.server.store.Erasure;
import java.io.PrintWriter;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/** {@code parley users delete ID}: erasure from the command line. */
@Command(
    name = "users",
    mixinStandardHelpOptions = true,
    description = "Erases users (right to erasure).",
    subcommands = {UsersCommand.Delete.class})
final class UsersCommand implements Runnable {
  @Spec CommandSpec spec;

  @Override
  public void run() {
    spec.commandLine().usage(spec.commandLine().getOut());
  }

  @Command(name = "delete", mixinStandardHelpOptions = true,
      description = {
          "Deletes every event of a user and of the anonymousIds linked to them, compacts the store so the"
              + " text is gone from its files, and suppresses their later events.",
          "Opens the data directory itself: stop parley serve first, or call DELETE /api/v1/users/ID on it.",
          "Exit status: 0 erased, 2 the store cannot be opened."
      })
  static final class Delete implements Callable<Integer> {
    @Spec CommandSpec spec;
    @Mixin DataDirOption data;

    @Parameters(paramLabel = "USER_ID", description = "The userId to erase.")
    String userId;

    @Override
    public Integer call() {
      PrintWriter out = spec.commandLine().getOut();
      try (Collector collector = Collector.open(ServerConfig.defaults(data.path()))) {
        Erasure erasure = collector.erase(userId).join();
        out.println("erased user " + erasure.userId() + ": " + erasure.events() + " events, "
            + erasure.violations() + " violations; suppressed with " + erasure.linkedIds().size() + " linked ids "
            + erasure.linkedIds());
        out.flush();
        return 0;
      } catch (RuntimeException e) {
        spec.commandLine().getErr().println("parley users delete: " + e.getMessage());
        return 2;
      }
    }
  }
}
