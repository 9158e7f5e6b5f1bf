package dev.parley.demo.cluster;

import dev.parley.demo.Main;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/** The processes {@code parley cluster} starts, and how it starts and stops them. */
final class ChildProcess {
  private static final Path SETSID = Path.of("/usr/bin/setsid");

  private ChildProcess() {}

  /**
   * A process builder for {@code command} in a session of its own (when {@code setsid} is
   * there): Ctrl-C in the terminal reaches only {@code parley cluster}, which then stops its
   * processes in order (the collectors before the broker they send to). Parley's own settings
   * are not passed on from the environment: each process gets its flags.
   */
  static ProcessBuilder detached(List<String> command) {
    List<String> full = new ArrayList<>();
    if (Files.isExecutable(SETSID)) {
      full.add(SETSID.toString());
    }
    full.addAll(command);
    ProcessBuilder builder = new ProcessBuilder(full);
    builder.environment().keySet().removeIf(name -> name.startsWith("PARLEY_"));
    return builder;
  }

  /**
   * Starts {@code parley <args>} in a JVM of its own (this one's class path), its output in
   * {@code output}, and waits until it prints a line matching {@code ready}.
   *
   * @return the match, the process in {@code started}
   * @throws IOException when it exits or says nothing matching within {@code seconds}, with its last lines
   */
  static Matcher startParley(Path java, String heap, List<String> args, Path output, Pattern ready, int seconds,
      List<Process> started) throws IOException, InterruptedException {
    List<String> command = new ArrayList<>(List.of(java.toString(), "-Xmx" + heap, "-cp",
        System.getProperty("java.class.path"), Main.class.getName()));
    command.addAll(args);
    Process process = detached(command).redirectErrorStream(true).redirectOutput(output.toFile()).start();
    started.add(process);
    long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(seconds);
    while (true) {
      Matcher matcher = ready.matcher(Files.readString(output));
      if (matcher.find()) {
        return matcher;
      }
      if (!process.isAlive()) {
        throw new IOException("parley " + args.get(0) + " exited (status " + process.exitValue() + "): "
            + LocalKafka.tail(output));
      }
      if (System.nanoTime() > deadline) {
        throw new IOException("parley " + args.get(0) + " did not start within " + seconds + " s: "
            + LocalKafka.tail(output));
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
}
