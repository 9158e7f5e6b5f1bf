package dev.parley.server.cli;

import dev.parley.server.Collector;
import dev.parley.server.config.ServerConfig;
import dev.parley.server.store.Erasure;
import java.io.IOException;
import java.io.PrintWriter;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/** {@code parley users delete ID}: erasure from the command line. */
@Command(
    name = "users",
    mixinStandardHelpOptions = true,
    description = "Erases users (right to erasure).",
    subcommands = {UsersCommand.Delete.class})
final class UsersCommand implements Runnable {
  @Spec CommandSpec spec;

  @Override
  public void run() {
    spec.commandLine().usage(spec.commandLine().getOut());
  }

  @Command(name = "delete", mixinStandardHelpOptions = true,
      description = {
          "Deletes every event of a user and of the anonymousIds linked to them, compacts the store so the"
              + " text is gone from its files, and suppresses their later events.",
          "With --server, asks that running server (DELETE /api/v1/users/ID with the admin token); else opens"
              + " the data directory itself, which needs parley serve stopped.",
          "Exit status: 0 erased, 1 the server refused, 2 the store or server cannot be reached."
      })
  static final class Delete implements Callable<Integer> {
    @Spec CommandSpec spec;
    @Mixin DataDirOption data;

    @Parameters(paramLabel = "USER_ID", description = "The userId to erase.")
    String userId;

    @Option(names = "--server", paramLabel = "URL",
        description = "Ask this running Parley server, e.g. http://localhost:8080.")
    URI server;

    @Option(names = "--admin-token", paramLabel = "TOKEN", defaultValue = "${env:PARLEY_ADMIN_TOKEN}",
        description = "The server's admin token (default: $PARLEY_ADMIN_TOKEN).")
    String adminToken;

    @Override
    public Integer call() {
      PrintWriter out = spec.commandLine().getOut();
      if (server != null) {
        return remote(out);
      }
      try (Collector collector = Collector.open(ServerConfig.defaults(data.path()))) {
        Erasure erasure = collector.erase(userId).join();
        out.println("erased user " + erasure.userId() + ": " + erasure.events() + " events, "
            + erasure.violations() + " violations; suppressed with " + erasure.linkedIds().size() + " linked ids "
            + erasure.linkedIds());
        out.flush();
        return 0;
      } catch (RuntimeException e) {
        spec.commandLine().getErr().println("parley users delete: " + e.getMessage());
        return 2;
      }
    }

    private int remote(PrintWriter out) {
      URI target = URI.create(server.toString().replaceAll("/+$", "") + "/api/v1/users/"
          + URLEncoder.encode(userId, StandardCharsets.UTF_8).replace("+", "%20"));
      HttpRequest.Builder request = HttpRequest.newBuilder(target).timeout(Duration.ofMinutes(3)).DELETE();
      if (adminToken != null && !adminToken.isEmpty()) {
        request.header("Authorization", "Bearer " + adminToken);
      }
      try {
        HttpResponse<String> answer = HttpClient.newHttpClient().send(request.build(),
            HttpResponse.BodyHandlers.ofString());
        if (answer.statusCode() != 200) {
          spec.commandLine().getErr().println("parley users delete: the server answered " + answer.statusCode()
              + ": " + answer.body());
          return 1;
        }
        out.println(answer.body());
        out.flush();
        return 0;
      } catch (IOException e) {
        spec.commandLine().getErr().println("parley users delete: cannot reach " + server + ": " + e.getMessage());
        return 2;
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        return 2;
      }
    }
  }
}
