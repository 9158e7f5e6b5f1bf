package dev.parley.cluster.postgres;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.URISyntaxException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Properties;

/**
 * Where the store lives in cluster mode: {@code postgresql://USER@HOST:PORT/DB}. The password
 * is never part of it (a flag or URL would show it in process lists and logs): it comes from
 * {@code PARLEY_STORE_PASSWORD}, or from a file.
 *
 * @param jdbcUrl the JDBC URL, without credentials
 * @param user the database user
 */
public record PostgresAddress(String jdbcUrl, String user) {
  public PostgresAddress {
    Objects.requireNonNull(jdbcUrl, "jdbcUrl == null");
    Objects.requireNonNull(user, "user == null");
  }

  /**
   * Reads an address.
   *
   * @throws IllegalArgumentException saying what is wrong, including a password written in it
   */
  public static PostgresAddress parse(String text) {
    String expected = "; expected postgresql://USER@HOST:PORT/DB";
    URI uri;
    try {
      uri = new URI(text);
    } catch (URISyntaxException | NullPointerException e) {
      throw new IllegalArgumentException("not a PostgreSQL address: \"" + text + "\"" + expected);
    }
    if (!"postgresql".equals(uri.getScheme()) || uri.getHost() == null) {
      throw new IllegalArgumentException("not a PostgreSQL address: \"" + text + "\"" + expected);
    }
    String userInfo = uri.getUserInfo();
    if (userInfo != null && userInfo.contains(":")) {
      throw new IllegalArgumentException("the address holds a password: give it in PARLEY_STORE_PASSWORD or"
          + " --store-password-file instead, so that it shows in no process list or log");
    }
    if (userInfo == null || userInfo.isBlank()) {
      throw new IllegalArgumentException("no user in \"" + text + "\"" + expected);
    }
    String db = uri.getPath() == null || uri.getPath().length() <= 1 ? "postgres" : uri.getPath().substring(1);
    int port = uri.getPort() < 0 ? 5432 : uri.getPort();
    return new PostgresAddress("jdbc:postgresql://" + uri.getHost() + ":" + port + "/" + db, userInfo);
  }

  /**
   * The connection properties: the user, and the password from {@code passwordFile} when
   * given, else from {@code PARLEY_STORE_PASSWORD} in {@code env}, else none (trust or peer
   * authentication).
   */
  public Properties properties(Optional<Path> passwordFile, Map<String, String> env) {
    Properties properties = new Properties();
    properties.setProperty("user", user);
    Optional<String> password = passwordFile.map(PostgresAddress::read)
        .or(() -> Optional.ofNullable(env.get("PARLEY_STORE_PASSWORD")));
    password.ifPresent(p -> properties.setProperty("password", p));
    return properties;
  }

  private static String read(Path file) {
    try {
      return Files.readString(file).strip();
    } catch (IOException e) {
      throw new UncheckedIOException("cannot read the password file " + file + ": " + e.getMessage(), e);
    }
  }

  @Override
  public String toString() {
    return jdbcUrl.replace("jdbc:postgresql://", "postgresql://" + user + "@");
  }
}
