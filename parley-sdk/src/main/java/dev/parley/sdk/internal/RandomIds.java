package dev.parley.sdk.internal;

import java.security.NoSuchAlgorithmException;
import java.security.SecureRandom;
import java.util.UUID;

/**
 * Random (version 4) UUIDs as strings, for envelope and chat message ids, drawn from a
 * strong generator of the calling thread's own.
 *
 * <p>{@link UUID#randomUUID()} draws from one JVM-wide {@link SecureRandom} whose
 * native generator serialises every caller on a lock; each tracking call needs one or two
 * ids, so threads that track at once would queue there. Here each thread has its own
 * {@code SHA1PRNG}, seeded from the operating system on first use. Thread-safe.
 */
public final class RandomIds {
  private static final ThreadLocal<SecureRandom> RANDOM = ThreadLocal.withInitial(RandomIds::generator);

  private RandomIds() {}

  /**
   * A new random UUID in its canonical 36-character form, well within
   * {@link dev.parley.spec.SegmentLimits#MAX_MESSAGE_ID_LENGTH} for an envelope {@code messageId}.
   */
  public static String uuid() {
    byte[] bytes = new byte[16];
    RANDOM.get().nextBytes(bytes);
    bytes[6] = (byte) ((bytes[6] & 0x0F) | 0x40); // version 4
    bytes[8] = (byte) ((bytes[8] & 0x3F) | 0x80); // IETF variant
    long high = 0;
    long low = 0;
    for (int i = 0; i < 8; i++) {
      high = (high << 8) | (bytes[i] & 0xFF);
      low = (low << 8) | (bytes[i + 8] & 0xFF);
    }
    return new UUID(high, low).toString();
  }

  private static SecureRandom generator() {
    try {
      // Not seeded here: SHA1PRNG seeds itself from the operating system on first use.
      return SecureRandom.getInstance("SHA1PRNG");
    } catch (NoSuchAlgorithmException e) {
      return new SecureRandom();
    }
  }
}
