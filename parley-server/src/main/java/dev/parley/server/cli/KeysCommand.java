package dev.parley.server.cli;

import dev.parley.server.config.NewKey;
import dev.parley.server.config.Source;
import dev.parley.server.config.ValidationMode;
import dev.parley.spec.privacy.ContentMode;
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

  @Command(name = "list", mixinStandardHelpOptions = true, description = "Lists the sources; keys are kept hashed, so only a prefix of their SHA-256 shows.")
  static final class List implements Callable<Integer> {
    @Spec CommandSpec spec;
    @Mixin KeysLocation location;

    @Override
    public Integer call() {
      PrintWriter out = spec.commandLine().getOut();
      out.printf("%-16s %-20s %-22s %-10s %-8s %s%n", "SOURCE", "NAME", "KEY SHA-256", "VALIDATION", "CONTENT",
          "STATUS");
      try (KeysLocation.Opened opened = location.open()) {
        for (Source s : opened.keys().list()) {
          out.printf("%-16s %-20s %-22s %-10s %-8s %s%n", s.id(), s.name(),
              s.keyHash().substring(0, Math.min(19, s.keyHash().length())) + "...",
              s.validation().map(ValidationMode::wireName).orElse("default"),
              s.contentMode().map(ContentMode::configName).orElse("default"),
              s.revokedAt().map(at -> "revoked " + at).orElse("active"));
        }
      }
      out.flush();
      return 0;
    }
  }

  @Command(name = "create", mixinStandardHelpOptions = true, description = "Makes a source with a new write key.")
  static final class Create implements Callable<Integer> {
    @Spec CommandSpec spec;
    @Mixin KeysLocation location;

    @Option(names = "--name", paramLabel = "NAME", description = "A label for the source. Default \"source\".")
    String name = "source";

    @Option(names = "--validation", paramLabel = "MODE",
        description = "flag or block for this source; default: the server's --validation.")
    String validation;

    @Option(names = "--content-mode", paramLabel = "MODE",
        description = "keep, mask, hash or drop for this source's message text; default: the server's --content-mode.")
    String contentMode;

    @Override
    public Integer call() {
      Optional<ValidationMode> mode = Optional.ofNullable(validation).map(ValidationMode::parse);
      Optional<ContentMode> content = Optional.ofNullable(contentMode).map(ContentMode::parse);
      NewKey made;
      try (KeysLocation.Opened opened = location.open()) {
        made = opened.keys().create(name, mode, content);
      }
      PrintWriter out = spec.commandLine().getOut();
      out.println("source " + made.source().id() + " (" + made.source().name() + "): write key " + made.writeKey()
          + "  (shown once: it is kept hashed)");
      out.flush();
      return 0;
    }
  }

  @Command(name = "revoke", mixinStandardHelpOptions = true,
      description = "Revokes a write key; its events stay stored.")
  static final class Revoke implements Callable<Integer> {
    @Spec CommandSpec spec;
    @Mixin KeysLocation location;

    @Parameters(paramLabel = "SOURCE_OR_KEY", description = "The source id or its write key.")
    String idOrKey;

    @Override
    public Integer call() {
      Optional<Source> revoked;
      try (KeysLocation.Opened opened = location.open()) {
        revoked = opened.keys().revoke(idOrKey);
      }
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
