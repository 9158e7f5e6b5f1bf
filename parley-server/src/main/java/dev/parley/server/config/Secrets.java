package dev.parley.server.config;

import java.security.MessageDigest;
import java.security.SecureRandom;
import java.nio.charset.StandardCharsets;
import java.util.HexFormat;

/** Makes and compares secrets: write keys, admin tokens, source ids. */
public final class Secrets {
  private static final SecureRandom RANDOM = new SecureRandom();

  private Secrets() {}

  /** A random secret of {@code bytes} random bytes, hex-encoded, after {@code prefix}. */
  public static String random(String prefix, int bytes) {
    byte[] raw = new byte[bytes];
    RANDOM.nextBytes(raw);
    return prefix + HexFormat.of().formatHex(raw);
  }

  /**
   * Compares two secrets in time that does not depend on where they differ. An empty or blank
   * expected secret matches nothing.
   */
  public static boolean same(String expected, String presented) {
    if (expected == null || presented == null || expected.isBlank()) {
      return false;
    }
    return MessageDigest.isEqual(expected.getBytes(StandardCharsets.UTF_8), presented.getBytes(StandardCharsets.UTF_8));
  }
}
