package dev.parley.demo.cluster;

import dev.parley.cluster.local.Detached;
import dev.parley.demo.Main;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CancellationException;
import java.util.concurrent.TimeUnit;
import java.util.function.BooleanSupplier;
import java.util.function.Consumer;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/** The processes {@code parley cluster} starts, and how it starts and stops them. */
final class ChildProcess {
  private ChildProcess() {}

  /**
   * Starts {@code parley <args>} in a JVM and session of its own (this one's class path, see
   * {@link Detached}), its output in {@code output}, hands it to {@code started} at once, and
   * waits until it prints a line matching {@code ready}.
   *
   * @return the match
   * @throws IOException when it exits or says nothing matching within {@code seconds}, with its last lines
   * @throws CancellationException when {@code stopped} says so meanwhile
   */
  static Matcher startParley(Path java, String heap, List<String> args, Path output, Pattern ready, int seconds,
      Consumer<Process> started, BooleanSupplier stopped) throws IOException, InterruptedException {
    List<String> command = new ArrayList<>(List.of(java.toString(), "-Xmx" + heap, "-cp",
        System.getProperty("java.class.path"), Main.class.getName()));
    command.addAll(args);
    Process process = Detached.builder(command).redirectErrorStream(true).redirectOutput(output.toFile()).start();
    started.accept(process);
    long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(seconds);
    while (true) {
      Matcher matcher = ready.matcher(Files.readString(output));
      if (matcher.find()) {
        return matcher;
      }
      if (!process.isAlive()) {
        throw new IOException("parley " + args.get(0) + " exited (status " + process.exitValue() + "): "
            + tail(output));
      }
      if (stopped.getAsBoolean()) {
        throw new CancellationException("stopped while parley " + args.get(0) + " started");
      }
      if (System.nanoTime() > deadline) {
        throw new IOException("parley " + args.get(0) + " did not start within " + seconds + " s: " + tail(output));
      }
      Thread.sleep(50);
    }
  }

  /** SIGTERM, then waits up to {@code seconds} for it to end; SIGKILL after that. */
  static void stop(Process process, int seconds) throws InterruptedException {
    process.destroy();
    if (!process.waitFor(seconds, TimeUnit.SECONDS)) {
      process.destroyForcibly().waitFor(10, TimeUnit.SECONDS);
    }
  }

  /** The last lines of a process's output, for an error message. */
  static String tail(Path log) {
    try {
      List<String> lines = Files.readAllLines(log);
      return String.join("\n", lines.subList(Math.max(0, lines.size() - 20), lines.size()));
    } catch (IOException e) {
      return "(no output: " + e.getMessage() + ")";
    }
  }
}
