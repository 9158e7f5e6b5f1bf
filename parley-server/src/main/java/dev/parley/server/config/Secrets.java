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

  /** The stored form of a write key: {@code sha256:<hex>} of its UTF-8 bytes. */
  public static String keyHash(String key) {
    try {
      byte[] digest = MessageDigest.getInstance("SHA-256").digest(key.getBytes(StandardCharsets.UTF_8));
      return "sha256:" + HexFormat.of().formatHex(digest);
    } catch (java.security.NoSuchAlgorithmException e) {
      throw new IllegalStateException("SHA-256 is not available in this JVM", e);
    }
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
