package dev.parley.server.cli;

import dev.parley.server.ParleyServer;
import dev.parley.server.config.ConfigResolver;
import dev.parley.server.config.Role;
import dev.parley.server.config.ServerConfig;
import dev.parley.server.config.Setting;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.Callable;
import java.util.stream.Collectors;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Model.OptionSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/**
 * {@code parley serve}: runs the collector until SIGTERM or Ctrl-C. Its options, but for
 * {@code --config}, are made from {@link Setting} by {@link #addSettings}.
 */
@Command(
    name = "serve",
    mixinStandardHelpOptions = true,
    description = {
        "Runs the collector: Segment's HTTP Tracking API on /v1/*, the read API on /api/v1/*,"
            + " /healthz, /readyz and /metrics.",
        "Each option is read from its flag, else its PARLEY_* environment variable, else parley.yml,"
            + " else its default.",
        "Exit status: 0 after a clean stop (SIGTERM), 2 when the configuration or the data directory is unusable."
    })
final class ServeCommand implements Callable<Integer> {
  @Spec CommandSpec spec;

  @Option(names = "--config", paramLabel = "FILE",
      description = "YAML settings file (PARLEY_CONFIG). Default ./parley.yml when it exists.")
  Path config;

  @Override
  public Integer call() throws InterruptedException {
    PrintWriter out = spec.commandLine().getOut();
    ServerConfig resolved;
    ParleyServer server;
    StopSignals stop = StopSignals.install(spec.commandLine().getErr()); // before anything starts
    try {
      resolved = resolve();
      server = ParleyServer.start(resolved);
      stop.closeWith(server::close);
    } catch (RuntimeException e) {
      spec.commandLine().getErr().println("parley serve: " + e.getMessage());
      return 2;
    }
    String keptIn = resolved.store().isPresent() ? "the shared store's parley_keys table"
        : resolved.dataDir().resolve("keys.json").toString();
    for (String notice : server.collector().notices()) {
      out.println("parley: made " + notice + "  (kept in " + keptIn + ")");
    }
    String scheme = resolved.tls().isPresent() ? "https" : "http";
    String base = scheme + "://" + displayHost(resolved.host()) + ":" + server.port();
    Set<Role> roles = resolved.roles();
    if (roles.contains(Role.COLLECT)) {
      out.println("parley: collecting on " + base + "/v1/batch");
    }
    if (roles.contains(Role.READ)) {
      out.println("parley: dashboard on " + base + "/ (sign in with the admin token, or once with "
          + base + server.oneTimeSignInPath() + ")");
    }
    if (!roles.equals(Role.ALL)) {
      out.println("parley: roles " + Role.format(roles) + "; /healthz, /readyz and /metrics on " + base);
    }
    out.flush();
    stop.awaitAndClose();
    return 0;
  }

  ServerConfig resolve() {
    Map<Setting, String> flags = new EnumMap<>(Setting.class);
    for (Setting setting : Setting.values()) {
      Object value = spec.findOption(setting.flag()).getValue();
      if (value instanceof List<?> values) {
        if (!values.isEmpty()) {
          flags.put(setting, values.stream().map(String::valueOf).collect(Collectors.joining("\n")));
        }
      } else if (value != null) {
        flags.put(setting, (String) value);
      }
    }
    Map<String, String> env = System.getenv();
    Path file = config != null ? config
        : env.get("PARLEY_CONFIG") != null ? Path.of(env.get("PARLEY_CONFIG")) : ConfigResolver.DEFAULT_FILE;
    boolean required = config != null || env.get("PARLEY_CONFIG") != null;
    return ConfigResolver.of(flags, env, file, required).resolve();
  }

  /**
   * Adds an option for every {@link Setting} to the {@code serve} command: its flag, value
   * label and help (with the environment variable, the {@code parley.yml} key and the default)
   * all come from the setting, so the command cannot drift from the list.
   */
  static void addSettings(CommandSpec serve) {
    for (Setting setting : Setting.values()) {
      serve.addOption(OptionSpec.builder(setting.flag())
          .paramLabel(setting.paramLabel())
          .type(setting.repeatable() ? List.class : String.class)
          .auxiliaryTypes(String.class)
          .description(helpText(setting))
          .build());
    }
  }

  /** The help line of a setting; {@code %} is doubled because picocli formats descriptions. */
  static String helpText(Setting setting) {
    String text = setting.description() + " (" + setting.env() + ", " + setting.yamlKey() + ":)"
        + (setting.defaultValue() == null ? "" : " Default " + setting.defaultValue() + ".");
    return text.replace("%", "%%");
  }

  private static String displayHost(String host) {
    return "0.0.0.0".equals(host) ? "localhost" : host;
  }
}
