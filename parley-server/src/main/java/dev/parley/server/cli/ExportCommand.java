package dev.parley.server.cli;

import dev.parley.server.load.CatchUp;
import dev.parley.server.store.DuckDbStore;
import dev.parley.server.store.EventQuery;
import dev.parley.server.store.EventReader;
import dev.parley.server.store.RemoteStore;
import java.io.IOException;
import java.io.PrintWriter;
import java.io.UncheckedIOException;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.SQLException;
import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.Optional;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/** {@code parley export}: stored events as NDJSON, in time order. */
@Command(
    name = "export",
    mixinStandardHelpOptions = true,
    description = {
        "Writes stored events as NDJSON (one normalised Segment message per line), in time order.",
        "Reads the data directory (it needs it free: stop parley serve first), or with --store the database",
        "that cluster mode's collectors share (while they run)."
    })
final class ExportCommand implements Callable<Integer> {
  @Spec CommandSpec spec;
  @Mixin DataDirOption data;
  @Mixin StoreOption shared;

  @Option(names = "--from", paramLabel = "TIME", description = "Only events at or after this ISO-8601 time.")
  String from;

  @Option(names = "--to", paramLabel = "TIME", description = "Only events before this ISO-8601 time.")
  String to;

  @Option(names = {"-o", "--output"}, paramLabel = "FILE", description = "Write here instead of standard output.")
  Path output;

  @Override
  public Integer call() throws IOException {
    PrintWriter err = spec.commandLine().getErr();
    EventQuery query;
    try {
      query = new EventQuery(Optional.empty(), Optional.empty(), Optional.empty(),
          Optional.ofNullable(from).map(Instant::parse), Optional.ofNullable(to).map(Instant::parse), Integer.MAX_VALUE);
    } catch (DateTimeParseException e) {
      err.println("parley export: --from and --to take ISO-8601 times such as 2026-11-24T00:00:00Z");
      return 2;
    }
    Writer out = output != null ? Files.newBufferedWriter(output, StandardCharsets.UTF_8) : spec.commandLine().getOut();
    try {
      Optional<RemoteStore.Opened> remote = shared.open();
      if (remote.isPresent()) {
        try (RemoteStore.Opened store = remote.get()) {
          new EventReader(store.reads()).stream(query, event -> write(out, event.body()));
        }
      } else {
        try (DuckDbStore store = DuckDbStore.open(data.path())) {
          CatchUp.load(data.path(), store);
          new EventReader(store.readConnections()).stream(query, event -> write(out, event.body()));
        }
      }
    } catch (SQLException | IOException | RuntimeException e) {
      err.println("parley export: " + e.getMessage());
      return 2;
    } finally {
      if (output != null) {
        out.close();
      } else {
        out.flush();
      }
    }
    return 0;
  }

  private static void write(Writer out, String line) {
    try {
      out.write(line);
      out.write('\n');
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }
}
