package dev.parley.server.cli;

import java.nio.file.Path;
import picocli.CommandLine.Option;

/** The {@code --data DIR} option shared by the commands that open a data directory. */
final class DataDirOption {
  @Option(names = "--data", paramLabel = "DIR",
      description = "Data directory (PARLEY_DATA). Default ./parley-data.")
  String data;

  Path path() {
    if (data != null) {
      return Path.of(data);
    }
    String env = System.getenv("PARLEY_DATA");
    return Path.of(env != null && !env.isBlank() ? env : "./parley-data");
  }
}
