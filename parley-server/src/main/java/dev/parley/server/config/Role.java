package dev.parley.server.config;

import java.util.Arrays;
import java.util.EnumSet;
import java.util.Locale;
import java.util.Set;
import java.util.stream.Collectors;

/**
 * What one {@code parley serve} process does ({@code --roles}). By default it does all three;
 * in cluster mode processes may split them, such as collectors behind a load balancer and
 * loaders of their own. {@code /healthz}, {@code /readyz} and {@code /metrics} are served in
 * every role.
 */
public enum Role {
  /** Segment's ingest API on {@code /v1/*} and OTLP traces on {@code /v1/traces}. */
  COLLECT,
  /** Loads the log into the store: in cluster mode, as a member of the loaders' consumer group. */
  LOAD,
  /** The read API on {@code /api/v1/*}, erasure and the dashboard. */
  READ;

  /** Every role, the default. */
  public static final Set<Role> ALL = Set.copyOf(EnumSet.allOf(Role.class));

  /** The flag's name of the role, such as {@code collect}. */
  public String label() {
    return name().toLowerCase(Locale.ROOT);
  }

  /**
   * Parses a comma-separated list such as {@code collect,read}.
   *
   * @throws IllegalArgumentException for an unknown or empty list, saying which roles there are
   */
  public static Set<Role> parse(String text) {
    EnumSet<Role> roles = EnumSet.noneOf(Role.class);
    for (String part : text.split(",")) {
      String name = part.trim();
      if (name.isEmpty()) {
        continue;
      }
      roles.add(Arrays.stream(values()).filter(role -> role.label().equals(name.toLowerCase(Locale.ROOT))).findFirst()
          .orElseThrow(() -> new IllegalArgumentException("--roles takes " + known() + ", not \"" + name + "\"")));
    }
    if (roles.isEmpty()) {
      throw new IllegalArgumentException("--roles needs at least one of " + known());
    }
    return Set.copyOf(roles);
  }

  /** The roles as the flag writes them, in their order: {@code collect,read}. */
  public static String format(Set<Role> roles) {
    return Arrays.stream(values()).filter(roles::contains).map(Role::label).collect(Collectors.joining(","));
  }

  private static String known() {
    return Arrays.stream(values()).map(Role::label).collect(Collectors.joining(", "));
  }
}
