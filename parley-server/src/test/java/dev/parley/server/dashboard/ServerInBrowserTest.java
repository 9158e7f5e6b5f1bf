package dev.parley.server.dashboard;

import dev.parley.server.testing.TestServer;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Comparator;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.TestInstance;

/**
 * A real server, seeded once, and a headless Chromium for the tests of a class: the embedded
 * store's server here; cluster mode's tests run the same classes against PostgreSQL by
 * overriding {@link #startServer} and {@link #awaitStored}.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
abstract class ServerInBrowserTest {
  TestServer server;
  Browser browser;
  private Path dataDir;

  /** The server under test, over {@code dataDir}. */
  protected TestServer startServer(Path dataDir) {
    return TestServer.start(dataDir);
  }

  /** Waits until the store holds the {@code events} sent. */
  protected void awaitStored(int events) {
    server.awaitLoaded();
  }

  /** Sends the class's data to {@link #server} and waits until it is stored. */
  abstract void seed() throws Exception;

  @BeforeAll
  void open() throws Exception {
    Browser.assumeInstalled();
    dataDir = Files.createTempDirectory("parley-test");
    server = startServer(dataDir);
    seed();
    browser = Browser.open(1280, 800);
  }

  @AfterAll
  void close() throws IOException {
    try {
      if (browser != null) {
        browser.close();
      }
    } finally {
      if (server != null) {
        server.close();
      }
      if (dataDir != null) {
        try (Stream<Path> files = Files.walk(dataDir)) {
          files.sorted(Comparator.reverseOrder()).forEach(path -> path.toFile().delete());
        }
      }
    }
  }
}
