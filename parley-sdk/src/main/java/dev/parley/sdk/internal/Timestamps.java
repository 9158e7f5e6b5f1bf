package dev.parley.sdk.internal;

import java.nio.charset.StandardCharsets;
import java.time.LocalDateTime;
import java.time.ZoneOffset;

/**
 * Formats instants as {@code 2026-11-20T10:00:00.000Z}: UTC, always with milliseconds, for
 * years 0 to 9999. Written by hand because it runs on every tracking call.
 */
final class Timestamps {
  /** Characters (and bytes) in a formatted timestamp. */
  static final int LENGTH = 24;

  private Timestamps() {}

  static String format(long epochMillis) {
    byte[] ascii = new byte[LENGTH];
    write(epochMillis, ascii, 0);
    return new String(ascii, StandardCharsets.US_ASCII);
  }

  /** Writes the {@link #LENGTH} ASCII bytes of the timestamp into {@code to} at {@code at}. */
  static void write(long epochMillis, byte[] to, int at) {
    long seconds = Math.floorDiv(epochMillis, 1000L);
    int millis = (int) Math.floorMod(epochMillis, 1000L);
    LocalDateTime t = LocalDateTime.ofEpochSecond(seconds, 0, ZoneOffset.UTC);
    put(to, at, t.getYear(), 4);
    to[at + 4] = '-';
    put(to, at + 5, t.getMonthValue(), 2);
    to[at + 7] = '-';
    put(to, at + 8, t.getDayOfMonth(), 2);
    to[at + 10] = 'T';
    put(to, at + 11, t.getHour(), 2);
    to[at + 13] = ':';
    put(to, at + 14, t.getMinute(), 2);
    to[at + 16] = ':';
    put(to, at + 17, t.getSecond(), 2);
    to[at + 19] = '.';
    put(to, at + 20, millis, 3);
    to[at + 23] = 'Z';
  }

  private static void put(byte[] to, int at, int value, int digits) {
    for (int i = at + digits - 1; i >= at; i--) {
      to[i] = (byte) ('0' + value % 10);
      value /= 10;
    }
  }
}
