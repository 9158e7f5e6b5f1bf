package dev.parley.cluster.local;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * Process builders for the programs a local cluster starts, each in a session of its own (when
 * {@code setsid} is there): Ctrl-C in the terminal then reaches only the command that started
 * them, which stops them in order, instead of killing a {@code pg_ctl} halfway through a start
 * and leaving its server running unseen. Parley's own settings are not passed on from the
 * environment: each program gets its flags.
 */
public final class Detached {
  private static final Path SETSID = Path.of("/usr/bin/setsid");

  private Detached() {}

  public static ProcessBuilder builder(List<String> command) {
    List<String> full = new ArrayList<>();
    if (Files.isExecutable(SETSID)) {
      full.add(SETSID.toString());
    }
    full.addAll(command);
    ProcessBuilder builder = new ProcessBuilder(full);
    builder.environment().keySet().removeIf(name -> name.startsWith("PARLEY_"));
    return builder;
  }
}
