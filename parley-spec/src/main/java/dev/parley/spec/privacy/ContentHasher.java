package dev.parley.spec.privacy;

import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.util.HexFormat;
import java.util.Objects;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

/**
 * Replaces text with {@code hmac-sha256:<hex>}, keyed so that the hash cannot be reversed
 * by hashing guesses without the key, yet equal texts give equal hashes. Thread-safe.
 */
public final class ContentHasher {
  /** The prefix of every hashed value. */
  public static final String PREFIX = "hmac-sha256:";
  private static final String ALGORITHM = "HmacSHA256";

  private final SecretKeySpec key;
  private final ThreadLocal<Mac> macs;

  /** A hasher with this secret key (at least 16 bytes). */
  public ContentHasher(byte[] secret) {
    Objects.requireNonNull(secret, "secret == null");
    if (secret.length < 16) {
      throw new IllegalArgumentException("the hash key must be at least 16 bytes, got " + secret.length);
    }
    this.key = new SecretKeySpec(secret.clone(), ALGORITHM);
    this.macs = ThreadLocal.withInitial(this::newMac);
  }

  private Mac newMac() {
    try {
      Mac mac = Mac.getInstance(ALGORITHM);
      mac.init(key);
      return mac;
    } catch (GeneralSecurityException e) {
      throw new IllegalStateException("HmacSHA256 is not available in this JVM", e);
    }
  }

  /** The keyed hash of the text. */
  public String hash(String text) {
    byte[] digest = macs.get().doFinal(text.getBytes(StandardCharsets.UTF_8));
    return PREFIX + HexFormat.of().formatHex(digest);
  }
}
