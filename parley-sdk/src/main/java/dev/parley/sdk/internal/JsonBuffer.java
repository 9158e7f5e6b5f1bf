package dev.parley.sdk.internal;

import java.nio.charset.StandardCharsets;
import java.util.Arrays;

/**
 * Compact UTF-8 JSON written straight into a reusable byte array: the tracking call's fast
 * path, which costs one allocation (the result) instead of a Jackson generator, its
 * context objects, a growing buffer and a copy.
 *
 * <p>Strings are escaped exactly as Jackson's default {@code UTF8JsonGenerator} does, so the
 * bytes are the same whichever path wrote them: quote and backslash escaped, control
 * characters as backslash-n, -t, -r, -b, -f or a six-character unicode escape, each
 * surrogate char as a unicode escape too (upper-case hex), everything else as UTF-8.
 *
 * <p>One instance per thread ({@link #local()}); not thread-safe and not reentrant.
 */
final class JsonBuffer {
  private static final ThreadLocal<JsonBuffer> LOCAL = ThreadLocal.withInitial(JsonBuffer::new);
  /** A buffer grown past this for an unusually large message is not kept for the next one. */
  private static final int KEEP = 64 * 1024;
  private static final byte[] HEX = "0123456789ABCDEF".getBytes(StandardCharsets.US_ASCII);

  private byte[] bytes = new byte[1024];
  private int size;

  private JsonBuffer() {}

  /** This thread's buffer, emptied. */
  static JsonBuffer local() {
    JsonBuffer buffer = LOCAL.get();
    buffer.size = 0;
    return buffer;
  }

  /** Appends bytes as they are (pre-encoded JSON punctuation and field names). */
  JsonBuffer raw(byte[] json) {
    ensure(json.length);
    System.arraycopy(json, 0, bytes, size, json.length);
    size += json.length;
    return this;
  }

  /** Appends one ASCII byte. */
  JsonBuffer raw(char ascii) {
    ensure(1);
    bytes[size++] = (byte) ascii;
    return this;
  }

  /** Appends a JSON string: quoted and escaped. */
  JsonBuffer string(String value) {
    int length = value.length();
    // Worst case: every char a six-byte escape, plus the quotes.
    ensure(6 * length + 2);
    byte[] b = bytes;
    int at = size;
    b[at++] = '"';
    for (int i = 0; i < length; i++) {
      char c = value.charAt(i);
      if (c < 0x80) {
        if (c >= 0x20 && c != '"' && c != '\\') {
          b[at++] = (byte) c;
        } else {
          at = escapeAscii(c, b, at);
        }
      } else if (c < 0x800) {
        b[at++] = (byte) (0xC0 | (c >> 6));
        b[at++] = (byte) (0x80 | (c & 0x3F));
      } else if (Character.isSurrogate(c)) {
        at = unicodeEscape(c, b, at);
      } else {
        b[at++] = (byte) (0xE0 | (c >> 12));
        b[at++] = (byte) (0x80 | ((c >> 6) & 0x3F));
        b[at++] = (byte) (0x80 | (c & 0x3F));
      }
    }
    b[at++] = '"';
    size = at;
    return this;
  }

  /** Appends a JSON integer. */
  JsonBuffer number(long value) {
    String digits = Long.toString(value);
    ensure(digits.length());
    for (int i = 0; i < digits.length(); i++) {
      bytes[size++] = (byte) digits.charAt(i);
    }
    return this;
  }

  /** Appends {@code "2026-11-20T10:00:00.000Z"} for this instant, quotes included. */
  JsonBuffer timestamp(long epochMillis) {
    ensure(Timestamps.LENGTH + 2);
    bytes[size++] = '"';
    Timestamps.write(epochMillis, bytes, size);
    size += Timestamps.LENGTH;
    bytes[size++] = '"';
    return this;
  }

  /** The JSON written so far, as a new array of exactly its length. */
  byte[] toByteArray() {
    byte[] json = Arrays.copyOf(bytes, size);
    if (bytes.length > KEEP) {
      bytes = new byte[1024];
    }
    return json;
  }

  private static int escapeAscii(char c, byte[] b, int at) {
    b[at++] = '\\';
    switch (c) {
      case '"' -> b[at++] = '"';
      case '\\' -> b[at++] = '\\';
      case '\n' -> b[at++] = 'n';
      case '\t' -> b[at++] = 't';
      case '\r' -> b[at++] = 'r';
      case '\b' -> b[at++] = 'b';
      case '\f' -> b[at++] = 'f';
      default -> {
        return hex(c, b, at);
      }
    }
    return at;
  }

  private static int unicodeEscape(char c, byte[] b, int at) {
    b[at++] = '\\';
    return hex(c, b, at);
  }

  private static int hex(char c, byte[] b, int at) {
    b[at++] = 'u';
    b[at++] = HEX[(c >> 12) & 0xF];
    b[at++] = HEX[(c >> 8) & 0xF];
    b[at++] = HEX[(c >> 4) & 0xF];
    b[at++] = HEX[c & 0xF];
    return at;
  }

  private void ensure(int more) {
    if (size + more > bytes.length) {
      bytes = Arrays.copyOf(bytes, Math.max(bytes.length * 2, size + more));
    }
  }
}
