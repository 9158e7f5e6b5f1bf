package dev.parley.server.testing;

import dev.parley.server.cli.Main;
import java.io.IOException;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * {@code parley serve} as a separate JVM on the test classpath, over a data directory, with the
 * test write key and admin token. {@link #kill()} sends SIGKILL (no shutdown hook runs);
 * {@link #close()} sends SIGTERM and waits for a clean stop.
 */
public final class ServeProcess implements AutoCloseable {
  private static final Pattern PORT = Pattern.compile("collecting on http://[^:/]+:(\\d+)/");

  private final Process process;
  private final int port;
  private final Path log;

  private ServeProcess(Process process, int port, Path log) {
    this.process = process;
    this.port = port;
    this.log = log;
  }

  /** Starts {@code serve} on {@code port} (0 for any) and waits until it listens. */
  public static ServeProcess start(Path data, int port, String... extraArgs) throws IOException, InterruptedException {
    Files.createDirectories(data);
    Path log = Files.createTempFile(data.getParent(), "serve", ".log");
    List<String> command = new ArrayList<>(List.of(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
        "-Xmx256m", "-cp", System.getProperty("java.class.path"), Main.class.getName(), "serve",
        "--port", Integer.toString(port), "--host", "127.0.0.1", "--data", data.toString(),
        "--write-key", TestServer.WRITE_KEY, "--admin-token", TestServer.ADMIN_TOKEN));
    command.addAll(List.of(extraArgs));
    ProcessBuilder builder = new ProcessBuilder(command).redirectErrorStream(true).redirectOutput(log.toFile());
    builder.environment().keySet().removeIf(k -> k.startsWith("PARLEY_"));
    Process process = builder.start();
    long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(60);
    while (process.isAlive() && System.nanoTime() < deadline) {
      Matcher m = PORT.matcher(Files.readString(log, StandardCharsets.UTF_8));
      if (m.find()) {
        return new ServeProcess(process, Integer.parseInt(m.group(1)), log);
      }
      Thread.sleep(20);
    }
    process.destroyForcibly();
    throw new IllegalStateException("serve did not start listening: " + Files.readString(log));
  }

  public int port() {
    return port;
  }

  public long pid() {
    return process.pid();
  }

  public URI uri(String path) {
    return URI.create("http://127.0.0.1:" + port + path);
  }

  public String log() throws IOException {
    return Files.readString(log, StandardCharsets.UTF_8);
  }

  /** SIGKILL, then waits for the process to be gone. */
  public void kill() throws InterruptedException {
    process.destroyForcibly();
    process.waitFor(30, TimeUnit.SECONDS);
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
