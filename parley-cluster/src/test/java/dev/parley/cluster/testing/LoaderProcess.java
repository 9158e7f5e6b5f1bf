package dev.parley.cluster.testing;

import dev.parley.cluster.cli.LoadCommand;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.TimeUnit;
import picocli.CommandLine;

/** {@code parley load} in a JVM of its own, for tests that kill it. */
public final class LoaderProcess implements AutoCloseable {
  private final Process process;
  private final Path log;

  private LoaderProcess(Process process, Path log) {
    this.process = process;
    this.log = log;
  }

  /** What the child runs: {@code parley load} with the given arguments. */
  public static void main(String[] args) {
    System.exit(new CommandLine(new LoadCommand()).execute(args));
  }

  /** Starts a loader and waits until it has said it is loading. */
  public static LoaderProcess start(Path dir, String log, String store) throws IOException, InterruptedException {
    Files.createDirectories(dir);
    Path output = Files.createTempFile(dir, "load", ".log");
    ProcessBuilder builder = new ProcessBuilder(List.of(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
        "-Xmx256m", "-cp", System.getProperty("java.class.path"), LoaderProcess.class.getName(),
        "--log", log, "--store", store)).redirectErrorStream(true).redirectOutput(output.toFile());
    builder.environment().keySet().removeIf(k -> k.startsWith("PARLEY_"));
    Process process = builder.start();
    long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(60);
    while (process.isAlive() && System.nanoTime() < deadline) {
      if (Files.readString(output).contains("parley: loading")) {
        return new LoaderProcess(process, output);
      }
      Thread.sleep(20);
    }
    process.destroyForcibly();
    throw new IllegalStateException("parley load did not start: " + Files.readString(output));
  }

  /** SIGKILL, then waits for the process to be gone. */
  public void kill() throws InterruptedException {
    process.destroyForcibly();
    process.waitFor(30, TimeUnit.SECONDS);
  }

  /** Whether the process still runs. */
  public boolean alive() {
    return process.isAlive();
  }

  public String output() throws IOException {
    return Files.readString(log);
  }

  /** SIGTERM, then waits for a clean stop. */
  @Override
  public void close() throws InterruptedException {
    process.destroy();
    if (!process.waitFor(30, TimeUnit.SECONDS)) {
      process.destroyForcibly().waitFor(10, TimeUnit.SECONDS);
    }
  }
}
