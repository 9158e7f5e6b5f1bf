package dev.parley.bench.load;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/** A server under test in its own JVM (same classpath as the bench), started and stopped by the load generator. */
final class ServerProcess implements AutoCloseable {
  private static final Pattern PORT = Pattern.compile("(?:collecting on http://[^:/]+:|baseline listening on port )(\\d+)");

  private final Process process;
  private final int port;
  private final Path log;

  private ServerProcess(Process process, int port, Path log) {
    this.process = process;
    this.port = port;
    this.log = log;
  }

  static ServerProcess start(List<String> jvmOptions, String mainClass, List<String> args, Path log)
      throws IOException, InterruptedException {
    List<String> command = new ArrayList<>();
    command.add(Path.of(System.getProperty("java.home"), "bin", "java").toString());
    command.addAll(jvmOptions);
    command.addAll(List.of("-cp", System.getProperty("java.class.path"), mainClass));
    command.addAll(args);
    ProcessBuilder builder = new ProcessBuilder(command).redirectErrorStream(true).redirectOutput(log.toFile());
    builder.environment().keySet().removeIf(k -> k.startsWith("PARLEY_"));
    Process process = builder.start();
    long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(60);
    while (process.isAlive() && System.nanoTime() < deadline) {
      Matcher m = PORT.matcher(Files.readString(log, StandardCharsets.UTF_8));
      if (m.find()) {
        return new ServerProcess(process, Integer.parseInt(m.group(1)), log);
      }
      Thread.sleep(20);
    }
    process.destroyForcibly();
    throw new IllegalStateException("server did not start: " + Files.readString(log));
  }

  int port() {
    return port;
  }

  long pid() {
    return process.pid();
  }

  /** Resident memory of the server process in MB, from /proc (0 where unavailable). */
  long residentMb() {
    try {
      for (String line : Files.readAllLines(Path.of("/proc/" + process.pid() + "/status"))) {
        if (line.startsWith("VmRSS:")) {
          return Long.parseLong(line.replaceAll("\\D", "")) / 1024;
        }
      }
    } catch (IOException | NumberFormatException e) {
      return 0;
    }
    return 0;
  }

  /** Stops with SIGTERM; returns the log, which the caller checks for errors. */
  String stop() throws IOException, InterruptedException {
    process.destroy();
    if (!process.waitFor(60, TimeUnit.SECONDS)) {
      process.destroyForcibly().waitFor();
    }
    return Files.readString(log, StandardCharsets.UTF_8);
  }

  @Override
  public void close() throws IOException, InterruptedException {
    if (process.isAlive()) {
      stop();
    }
  }
}
