package dev.parley.server.cli;

import dev.parley.server.config.KeyStore;
import dev.parley.server.config.Source;
import dev.parley.server.config.ValidationMode;
import java.io.PrintWriter;
import java.util.Optional;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/** {@code parley keys list|create|revoke}: the write keys, one per source. */
@Command(
    name = "keys",
    mixinStandardHelpOptions = true,
    description = "Manages write keys (one per source). Changes reach a running server within a second.",
    subcommands = {KeysCommand.List.class, KeysCommand.Create.class, KeysCommand.Revoke.class})
final class KeysCommand implements Runnable {
  @Spec CommandSpec spec;

  @Override
  public void run() {
    spec.commandLine().usage(spec.commandLine().getOut());
  }

  @Command(name = "list", mixinStandardHelpOptions = true, description = "Lists the sources and their write keys.")
  static final class List implements Callable<Integer> {
    @Spec CommandSpec spec;
    @Mixin DataDirOption data;

    @Override
    public Integer call() {
      PrintWriter out = spec.commandLine().getOut();
      out.printf("%-16s %-20s %-40s %-10s %s%n", "SOURCE", "NAME", "WRITE KEY", "VALIDATION", "STATUS");
      for (Source s : KeyStore.open(data.path()).list()) {
        out.printf("%-16s %-20s %-40s %-10s %s%n", s.id(), s.name(), s.writeKey(),
            s.validation().map(ValidationMode::wireName).orElse("default"),
            s.revokedAt().map(at -> "revoked " + at).orElse("active"));
      }
      out.flush();
      return 0;
    }
  }

  @Command(name = "create", mixinStandardHelpOptions = true, description = "Makes a source with a new write key.")
  static final class Create implements Callable<Integer> {
    @Spec CommandSpec spec;
    @Mixin DataDirOption data;

    @Option(names = "--name", paramLabel = "NAME", description = "A label for the source. Default \"source\".")
    String name = "source";

    @Option(names = "--validation", paramLabel = "MODE",
        description = "flag or block for this source; default: the server's --validation.")
    String validation;

    @Override
    public Integer call() {
      Optional<ValidationMode> mode = Optional.ofNullable(validation).map(ValidationMode::parse);
      Source made = KeyStore.open(data.path()).create(name, mode);
      PrintWriter out = spec.commandLine().getOut();
      out.println("source " + made.id() + " (" + made.name() + "): write key " + made.writeKey());
      out.flush();
      return 0;
    }
  }

  @Command(name = "revoke", mixinStandardHelpOptions = true,
      description = "Revokes a write key; its events stay stored.")
  static final class Revoke implements Callable<Integer> {
    @Spec CommandSpec spec;
    @Mixin DataDirOption data;

    @Parameters(paramLabel = "SOURCE_OR_KEY", description = "The source id or its write key.")
    String idOrKey;

    @Override
    public Integer call() {
      Optional<Source> revoked = KeyStore.open(data.path()).revoke(idOrKey);
      if (revoked.isEmpty()) {
        spec.commandLine().getErr().println("parley keys revoke: no source or write key " + idOrKey);
        return 1;
      }
      spec.commandLine().getOut().println("revoked source " + revoked.get().id());
      spec.commandLine().getOut().flush();
      return 0;
    }
  }
}
