package dev.parley.server.cli;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import dev.parley.server.Collector;
import dev.parley.server.config.ServerConfig;
import dev.parley.server.config.Source;
import dev.parley.server.ingest.IngestResult;
import dev.parley.server.ingest.Utf8;
import dev.parley.spec.SegmentLimits;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.PrintWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayDeque;
import java.util.Deque;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.Callable;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/**
 * {@code parley import FILE}: stores NDJSON messages through the same path as HTTP ingest
 * (limits, normalisation, validation, dedupe, group commit). Needs the data directory free:
 * stop {@code parley serve} first, or send the file to it over HTTP.
 */
@Command(
    name = "import",
    mixinStandardHelpOptions = true,
    description = {
        "Stores NDJSON messages (one Segment message per line) in the data directory, through the ingest path.",
        "Exit status: 0 when every line was accepted (stored, or already stored), 1 when some were refused,"
            + " 2 when the file or the store cannot be opened."
    })
final class ImportCommand implements Callable<Integer> {
  private static final int IN_FLIGHT = 1_000;

  @Spec CommandSpec spec;
  @Mixin DataDirOption data;

  @Parameters(paramLabel = "FILE", description = "NDJSON file, or - for standard input.")
  String file;

  @Option(names = "--write-key", paramLabel = "KEY",
      description = "Store under the source of this write key. Default: the first active source.")
  String writeKey;

  private record Line(int number, CompletableFuture<IngestResult> result) {}

  @Override
  public Integer call() throws InterruptedException, ExecutionException {
    PrintWriter out = spec.commandLine().getOut();
    PrintWriter err = spec.commandLine().getErr();
    int accepted = 0;
    int refused = 0;
    try (Collector collector = Collector.open(ServerConfig.defaults(data.path()));
        BufferedReader reader = open()) {
      collector.notices().forEach(notice -> out.println("parley: made " + notice));
      Optional<Source> source = writeKey != null ? collector.keys().byWriteKey(writeKey)
          : collector.keys().list().stream().filter(Source::active).findFirst();
      if (source.isEmpty()) {
        err.println("parley import: no active source" + (writeKey != null ? " with that write key" : ""));
        return 2;
      }
      Deque<Line> pending = new ArrayDeque<>();
      String text;
      int number = 0;
      while ((text = reader.readLine()) != null) {
        number++;
        if (text.isBlank()) {
          continue;
        }
        byte[] bytes = text.getBytes(StandardCharsets.UTF_8);
        if (bytes.length > SegmentLimits.MAX_MESSAGE_BYTES) {
          err.println("line " + number + ": over the limit of 32 KB per message");
          refused++;
          continue;
        }
        if (Utf8.firstUnpairedSurrogateEscape(bytes) >= 0) {
          err.println("line " + number + ": an escaped UTF-16 surrogate that is not half of a pair");
          refused++;
          continue;
        }
        JsonNode message;
        try {
          message = collector.json().readTree(text);
        } catch (JsonProcessingException e) {
          err.println("line " + number + ": not JSON: " + e.getOriginalMessage());
          refused++;
          continue;
        }
        pending.add(new Line(number, collector.ingestor().ingest(source.get(), List.of(message))));
        while (pending.size() >= IN_FLIGHT) {
          int[] tally = settle(pending.poll(), err);
          accepted += tally[0];
          refused += tally[1];
        }
      }
      while (!pending.isEmpty()) {
        int[] tally = settle(pending.poll(), err);
        accepted += tally[0];
        refused += tally[1];
      }
    } catch (IOException e) {
      err.println("parley import: cannot read " + file + ": " + e.getMessage());
      return 2;
    } catch (RuntimeException e) {
      err.println("parley import: " + e.getMessage());
      return 2;
    }
    out.println(accepted + " messages accepted (each messageId is stored once), " + refused + " refused");
    out.flush();
    return refused > 0 ? 1 : 0;
  }

  /** Waits for one line; returns {accepted, refused}. Block-mode refusals count as refused. */
  private static int[] settle(Line line, PrintWriter err) throws InterruptedException, ExecutionException {
    IngestResult result = line.result().get();
    if (result instanceof IngestResult.Stored s) {
      s.refused().forEach(r -> err.println("line " + line.number() + ": refused: " + r.violations()));
      return new int[] {s.accepted(), s.refused().size()};
    }
    IngestResult.Rejected r = (IngestResult.Rejected) result;
    err.println("line " + line.number() + ": " + r.rejection().error());
    return new int[] {0, 1};
  }

  private BufferedReader open() throws IOException {
    if ("-".equals(file)) {
      return new BufferedReader(new InputStreamReader(System.in, StandardCharsets.UTF_8));
    }
    return Files.newBufferedReader(Path.of(file), StandardCharsets.UTF_8);
  }
}
