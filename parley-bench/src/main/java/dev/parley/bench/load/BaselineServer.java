package dev.parley.bench.load;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.javalin.Javalin;

/**
 * The ingest benchmark's baseline: the collector's HTTP stack (Javalin on Jetty) with a
 * handler that reads the body, parses it into a Jackson tree and answers 200, storing
 * nothing. What the collector costs beyond this is validation, normalisation and the
 * durable commit. Prints {@code baseline listening on port PORT} once ready.
 */
public final class BaselineServer {
  private BaselineServer() {}

  public static void main(String[] args) {
    int port = args.length > 0 ? Integer.parseInt(args[0]) : 0;
    ObjectMapper json = new ObjectMapper();
    Javalin app = Javalin.create(cfg -> {
      cfg.startup.showJavalinBanner = false;
      cfg.startup.showOldJavalinVersionWarning = false;
      for (String path : new String[] {"/v1/batch", "/v1/track"}) {
        cfg.routes.post(path, ctx -> {
          json.readTree(ctx.req().getInputStream());
          ctx.status(200).contentType("application/json").result("{\"success\":true}");
        });
      }
    }).start("127.0.0.1", port);
    System.out.println("baseline listening on port " + app.port());
    System.out.flush();
    Runtime.getRuntime().addShutdownHook(new Thread(app::stop));
  }
}
