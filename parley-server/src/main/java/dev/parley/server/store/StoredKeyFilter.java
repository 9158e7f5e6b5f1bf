package dev.parley.server.store;

import java.io.DataInputStream;
import java.io.DataOutputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Which (source, messageId) keys may already be stored: a Bloom filter, so that dedupe asks
 * the database only about the few keys it cannot rule out instead of joining every incoming
 * key against every stored one. No false negatives; a false positive only costs a lookup.
 *
 * <p>Blocked layout: a key's bits all fall in one 512-bit block (one cache line), 16 bits per
 * key at 32 bits of filter per key, about 6 false positives in a million lookups. It grows
 * without reading the store again: when the newest table is full a table of twice the size is
 * added, and a lookup asks each table (the tables' false-positive rates add up; they shrink
 * geometrically, so the sum stays below twice the first). 4 to 8 bytes of heap per stored
 * event (the store sizes it at 1.25 times the events it holds at start).
 *
 * <p>Not thread-safe: the store's writer thread owns it.
 */
final class StoredKeyFilter {
  private static final Logger log = LoggerFactory.getLogger(StoredKeyFilter.class);
  private static final int BITS_PER_KEY = 32;
  private static final int LONGS_PER_BLOCK = 8; // 512 bits
  private static final int BITS_SET_PER_KEY = 16;

  private final List<Table> tables = new ArrayList<>();
  private long keys;
  /** Written by the owner thread, read by metrics from any thread. */
  private volatile long bytes;

  /** A filter sized for {@code expectedKeys} before its first growth. */
  StoredKeyFilter(long expectedKeys) {
    tables.add(new Table(Math.max(1 << 16, expectedKeys)));
    bytes = tables.get(0).bits.length * 8L;
  }

  /** An empty shell for {@link #readFrom} to fill. */
  private StoredKeyFilter() {}

  /**
   * Reads every key of the store's {@code events} table into a filter sized for a quarter more, so it grows rarely. The
   * scan goes in slices of seq, so DuckDB never holds more than a slice's result at once.
   */
  static StoredKeyFilter load(Connection connection) throws SQLException {
    long start = System.nanoTime();
    long count;
    try (Statement st = connection.createStatement();
        ResultSet rs = st.executeQuery("SELECT count(*) FROM events")) {
      rs.next();
      count = rs.getLong(1);
    }
    StoredKeyFilter filter = new StoredKeyFilter(count + count / 4);
    filter.addStoredAfter(connection, 0);
    if (count > 0) {
      log.info("read {} stored message ids for dedupe in {} ms ({} KiB of heap)", count,
          (System.nanoTime() - start) / 1_000_000, filter.bytes() / 1024);
    }
    return filter;
  }

  /**
   * Adds the keys of every stored event with a seq above {@code seq}, in slices of seq, so
   * DuckDB never holds more than a slice's result at once.
   *
   * @return how many keys were added
   */
  long addStoredAfter(Connection connection, long seq) throws SQLException {
    long maxSeq;
    try (Statement st = connection.createStatement();
        ResultSet rs = st.executeQuery("SELECT coalesce(max(seq), 0) FROM events")) {
      rs.next();
      maxSeq = rs.getLong(1);
    }
    long added = 0;
    try (PreparedStatement slice = connection.prepareStatement(
        "SELECT source, message_id FROM events WHERE seq > ? AND seq <= ?")) {
      for (long from = seq; from < maxSeq; from += KEY_SLICE) {
        slice.setLong(1, from);
        slice.setLong(2, from + KEY_SLICE);
        try (ResultSet rs = slice.executeQuery()) {
          while (rs.next()) {
            add(rs.getString(1), rs.getString(2)); // read back: already in stored form
            added++;
          }
        }
      }
    }
    return added;
  }

  /** Writes the filter's tables (for {@link KeyFilterFile}). */
  void writeTo(DataOutputStream out) throws IOException {
    out.writeLong(keys);
    out.writeInt(tables.size());
    for (Table table : tables) {
      out.writeLong(table.capacity);
      out.writeLong(table.keys);
      out.writeInt(table.bits.length);
      for (long word : table.bits) {
        out.writeLong(word);
      }
    }
  }

  /**
   * Reads what {@link #writeTo} wrote, from a source of {@code length} bytes: tables that
   * would not fit in it are refused before anything is allocated for them.
   */
  static StoredKeyFilter readFrom(DataInputStream in, long length) throws IOException {
    long keys = in.readLong();
    int count = in.readInt();
    if (keys < 0 || count < 1 || count > 64) {
      throw new IOException("not a key filter: " + count + " tables, " + keys + " keys");
    }
    StoredKeyFilter filter = new StoredKeyFilter();
    for (int t = 0; t < count; t++) {
      long capacity = in.readLong();
      if (capacity < 1 || capacity > length * 8 / BITS_PER_KEY) {
        throw new IOException("a key filter table larger than its file: " + capacity + " keys");
      }
      Table table = new Table(capacity);
      table.keys = in.readLong();
      if (in.readInt() != table.bits.length) {
        throw new IOException("a key filter table of the wrong size");
      }
      for (int i = 0; i < table.bits.length; i++) {
        table.bits[i] = in.readLong();
      }
      filter.tables.add(table);
      filter.bytes += table.bits.length * 8L;
    }
    filter.keys = keys;
    return filter;
  }

  /** Rows of the key scan at open per query. */
  private static final long KEY_SLICE = 1_000_000;

  /**
   * A string as the store keeps it: DuckDB's appender encodes strings as UTF-8, which turns
   * an unpaired surrogate (valid in a JSON escape, not in Unicode) into {@code ?}. Dedupe
   * compares keys in this form, so that a messageId with one matches itself read back.
   */
  static String storedForm(String s) {
    if (s == null) {
      return null;
    }
    for (int i = 0; i < s.length(); i++) {
      if (Character.isSurrogate(s.charAt(i))) {
        return new String(s.getBytes(StandardCharsets.UTF_8), StandardCharsets.UTF_8);
      }
    }
    return s;
  }

  /** Remembers a stored key. */
  void add(String source, String messageId) {
    long hash = hash(source, messageId);
    Table newest = tables.get(tables.size() - 1);
    if (newest.keys >= newest.capacity) {
      newest = new Table(newest.capacity * 2);
      tables.add(newest);
      bytes += newest.bits.length * 8L;
    }
    newest.add(hash);
    keys++;
  }

  /** False when the key was certainly never added; true when it may have been. */
  boolean mightContain(String source, String messageId) {
    long hash = hash(source, messageId);
    for (Table table : tables) {
      if (table.mightContain(hash)) {
        return true;
      }
    }
    return false;
  }

  /** How many keys were added. */
  long keys() {
    return keys;
  }

  /** Heap used by the bit tables, in bytes; safe to read from any thread. */
  long bytes() {
    return bytes;
  }

  /**
   * 64-bit FNV-1a over both strings with a separator, finished with MurmurHash3's fmix64.
   * Callers pass strings in their stored form ({@link #storedForm}), so that a key
   * read back from the store hashes like the same key arriving again.
   */
  static long hash(String source, String messageId) {
    long h = 0xcbf29ce484222325L;
    for (int i = 0; i < source.length(); i++) {
      h = (h ^ source.charAt(i)) * 0x100000001b3L;
    }
    h = (h ^ 0xffff) * 0x100000001b3L;
    for (int i = 0; i < messageId.length(); i++) {
      h = (h ^ messageId.charAt(i)) * 0x100000001b3L;
    }
    h ^= h >>> 33;
    h *= 0xff51afd7ed558ccdL;
    h ^= h >>> 33;
    h *= 0xc4ceb9fe1a85ec53L;
    h ^= h >>> 33;
    return h;
  }

  private static final class Table {
    final long capacity;
    final long[] bits;
    final int blocks;
    long keys;

    Table(long capacity) {
      if (capacity < 1) {
        throw new IllegalArgumentException("capacity < 1: " + capacity);
      }
      long longs = Math.max(LONGS_PER_BLOCK, capacity * BITS_PER_KEY / 64);
      if (longs > Integer.MAX_VALUE - LONGS_PER_BLOCK) {
        throw new IllegalArgumentException("filter too large for " + capacity + " keys");
      }
      this.blocks = (int) (longs / LONGS_PER_BLOCK);
      this.bits = new long[blocks * LONGS_PER_BLOCK];
      this.capacity = capacity;
    }

    private int blockStart(long hash) {
      // The upper 32 bits pick the block (multiply-shift instead of a modulo).
      return (int) (((hash >>> 32) * blocks) >>> 32) * LONGS_PER_BLOCK;
    }

    void add(long hash) {
      int start = blockStart(hash);
      long stream = 0;
      for (int i = 0; i < BITS_SET_PER_KEY; i++) {
        if (i % 7 == 0) {
          stream = mix(hash + i); // seven 9-bit positions per 64 fresh bits
        }
        int bit = (int) (stream & 511);
        stream >>>= 9;
        bits[start + (bit >>> 6)] |= 1L << bit;
      }
      keys++;
    }

    boolean mightContain(long hash) {
      int start = blockStart(hash);
      long stream = 0;
      for (int i = 0; i < BITS_SET_PER_KEY; i++) {
        if (i % 7 == 0) {
          stream = mix(hash + i);
        }
        int bit = (int) (stream & 511);
        stream >>>= 9;
        if ((bits[start + (bit >>> 6)] & (1L << bit)) == 0) {
          return false;
        }
      }
      return true;
    }

    /** SplitMix64's finaliser: bit positions independent of the bits that chose the block. */
    private static long mix(long z) {
      z = (z ^ (z >>> 30)) * 0xbf58476d1ce4e5b9L;
      z = (z ^ (z >>> 27)) * 0x94d049bb133111ebL;
      return z ^ (z >>> 31);
    }
  }
}
