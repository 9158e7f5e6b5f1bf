package dev.parley.server.ingest;

import java.lang.invoke.MethodHandles;
import java.lang.invoke.VarHandle;
import java.nio.ByteOrder;

/**
 * Strict UTF-8 checking. Jackson rejects most malformed UTF-8 but decodes overlong forms
 * ({@code C0 AF} as {@code /}) and code points past U+10FFFF; those are refused here, before
 * parsing, so what is stored is exactly what a strict decoder reads. One pass, no allocation.
 */
public final class Utf8 {
  private static final VarHandle LONGS = MethodHandles.byteArrayViewVarHandle(long[].class, ByteOrder.LITTLE_ENDIAN);
  private static final long HIGH_BITS = 0x8080808080808080L;

  private Utf8() {}

  /** The offset of the first byte of a malformed sequence, or -1 when {@code bytes} is valid UTF-8. */
  static int firstMalformed(byte[] bytes) {
    int i = 0;
    int n = bytes.length;
    while (i < n) {
      if (i + 8 <= n && ((long) LONGS.get(bytes, i) & HIGH_BITS) == 0) {
        i += 8; // eight ASCII bytes at once: most of a JSON body
        continue;
      }
      int b = bytes[i];
      if (b >= 0) {
        i++;
        continue;
      }
      b &= 0xFF;
      int length;
      int min2 = 0x80;
      int max2 = 0xBF;
      if (b >= 0xC2 && b <= 0xDF) {
        length = 2;
      } else if (b >= 0xE0 && b <= 0xEF) {
        length = 3;
        if (b == 0xE0) {
          min2 = 0xA0; // overlong below
        } else if (b == 0xED) {
          max2 = 0x9F; // UTF-16 surrogates
        }
      } else if (b >= 0xF0 && b <= 0xF4) {
        length = 4;
        if (b == 0xF0) {
          min2 = 0x90; // overlong below
        } else if (b == 0xF4) {
          max2 = 0x8F; // past U+10FFFF
        }
      } else {
        return i; // C0, C1 (overlong), F5..FF, or a stray continuation byte
      }
      if (i + length > n) {
        return i;
      }
      int second = bytes[i + 1] & 0xFF;
      if (second < min2 || second > max2) {
        return i;
      }
      for (int k = 2; k < length; k++) {
        int next = bytes[i + k] & 0xFF;
        if (next < 0x80 || next > 0xBF) {
          return i;
        }
      }
      i += length;
    }
    return -1;
  }

  /**
   * The offset of the first {@code \\u} escape of a UTF-16 surrogate that is not one half of a
   * pair, or -1 when there is none. Java strings hold such a half, but no UTF-8 text can: it
   * would be written out as {@code ?}, and {@code "a-\\udbff"} stored as {@code "a-?"}, a
   * different id. Valid JSON has backslashes only inside strings, so no parsing is needed.
   */
  public static int firstUnpairedSurrogateEscape(byte[] bytes) {
    int n = bytes.length;
    int i = 0;
    while (i < n) {
      if (bytes[i] != '\\') {
        i++;
        continue;
      }
      int unit = i + 1 < n && bytes[i + 1] == 'u' ? hex4(bytes, i + 2) : -1;
      if (unit < 0) {
        i += 2; // another escape, or a malformed one that the parser refuses
      } else if (Character.isHighSurrogate((char) unit)) {
        int next = i + 6;
        boolean low = next + 1 < n && bytes[next] == '\\' && bytes[next + 1] == 'u'
            && Character.isLowSurrogate((char) Math.max(0, hex4(bytes, next + 2)));
        if (!low) {
          return i;
        }
        i = next + 6;
      } else if (Character.isLowSurrogate((char) unit)) {
        return i;
      } else {
        i += 6;
      }
    }
    return -1;
  }

  /** The four hex digits at {@code at} as a number, or -1 when they are not four hex digits. */
  private static int hex4(byte[] bytes, int at) {
    if (at + 4 > bytes.length) {
      return -1;
    }
    int value = 0;
    for (int k = at; k < at + 4; k++) {
      int digit = Character.digit(bytes[k], 16);
      if (digit < 0) {
        return -1;
      }
      value = value << 4 | digit;
    }
    return value;
  }
}
