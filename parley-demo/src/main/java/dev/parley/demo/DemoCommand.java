package dev.parley.demo;

import dev.parley.server.ParleyServer;
import dev.parley.server.cli.StopSignals;
import dev.parley.server.config.Secrets;
import dev.parley.server.config.ServerConfig;
import java.io.IOException;
import java.io.PrintWriter;
import java.net.URI;
import java.nio.file.Path;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/** {@code parley demo}: the collector and dashboard, filled with realistic copilot traffic. */
@Command(
    name = "demo",
    mixinStandardHelpOptions = true,
    description = {
        "Starts Parley on a fresh demo data directory (with a price table for the demo's models),"
            + " plays two weeks of copilot conversations through the SDK, then keeps playing live ones."
            + " Prints the dashboard's sign-in link.",
        "Ctrl-C stops it."
    })
final class DemoCommand implements Callable<Integer> {
  @Spec CommandSpec spec;

  @Option(names = "--port", defaultValue = "8080", description = "HTTP port (0 picks a free one). Default 8080.")
  int port;

  @Option(names = "--data", defaultValue = "./parley-demo-data",
      description = "Demo data directory, emptied at start. Default ./parley-demo-data.")
  Path data;

  @Option(names = "--users", defaultValue = "300", description = "Users in the backfilled history. Default 300.")
  int users;

  @Option(names = "--days", defaultValue = "14", description = "Days of backfilled history. Default 14.")
  int days;

  @Option(names = "--no-live", description = "Stop after the backfill instead of playing live conversations.")
  boolean noLive;

  @Option(names = "--langchain4j",
      description = "Also play conversations with a scripted LangChain4j copilot, instrumented by parley-langchain4j.")
  boolean langchain4j;

  @Override
  public Integer call() throws InterruptedException {
    PrintWriter out = spec.commandLine().getOut();
    PrintWriter err = spec.commandLine().getErr();
    if (users < 1 || days < 1) {
      err.println("parley demo: --users and --days must be at least 1");
      return 2;
    }
    Path prices;
    try {
      prices = Demo.prepareDirectory(data);
    } catch (IOException | IllegalStateException e) {
      err.println("parley demo: " + e.getMessage());
      return 2;
    }
    String writeKey = Secrets.random("wk_demo_", 16);
    String adminToken = Secrets.random("adm_", 24);
    ServerConfig config = ServerConfig.defaults(data).withHost("127.0.0.1").withPort(port)
        .withWriteKey(writeKey).withAdminToken(adminToken).withConfigFile(prices);
    ParleyServer server;
    StopSignals stop = StopSignals.install(err); // before anything starts: a signal meanwhile waits for the server
    try {
      server = ParleyServer.start(config);
      stop.closeWith(server::close);
    } catch (RuntimeException e) {
      err.println("parley demo: cannot start the server: " + e.getMessage());
      return 2;
    }
    String base = "http://localhost:" + server.port();
    out.println("parley demo: collecting on " + base + "/v1/batch (write key " + writeKey + ")");
    out.flush();
    URI endpoint = URI.create("http://127.0.0.1:" + server.port());
    Demo demo = Demo.start(endpoint, writeKey, users, days, !noLive, langchain4j, out);
    out.println();
    out.println("  Dashboard: " + base + server.oneTimeSignInPath());
    out.println("  (a one-time sign-in link; afterwards sign in with the admin token " + adminToken + ")");
    out.println();
    out.println(noLive ? "parley demo: backfill done; Ctrl-C to stop the server."
        : "parley demo: playing live conversations every few seconds; Ctrl-C to stop.");
    out.flush();
    stop.closeWith(() -> {
      try {
        demo.close();
      } finally {
        server.close();
      }
    }).awaitAndClose(); // at once when Ctrl-C came during the backfill
    return 0;
  }
}
