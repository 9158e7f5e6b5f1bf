package dev.parley.server.log;

import dev.parley.server.ingest.NormalisedEvent;
import dev.parley.server.ingest.RefusedMessage;
import dev.parley.server.ingest.Submission;
import dev.parley.server.ingest.Usage;
import dev.parley.spec.Violation;
import dev.parley.spec.ViolationCode;
import java.nio.BufferUnderflowException;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

/**
 * The bytes of a {@link Submission} in the ingest log: a compact binary form of its events
 * (every column and the normalised body) and refused messages. Stateless and thread-safe.
 *
 * <p>Form, version 2: a version byte, then the events (count, then each event's fields in
 * {@link NormalisedEvent}'s order, its usage last behind a flag byte) and the refused messages.
 * Strings are a length in bytes (-1 for null) and UTF-8; instants are epoch seconds and nanos
 * (a flag byte for null); optional numbers a flag byte, then the number. Version 1, written
 * before events had usage, is the same without it, and is still read.
 */
public final class SubmissionCodec {
  private static final byte VERSION = 2;
  private static final byte VERSION_WITHOUT_USAGE = 1;

  private SubmissionCodec() {}

  /** Encodes a submission. */
  public static byte[] encode(Submission submission) {
    Out out = new Out(256 + 1024 * submission.events().size());
    out.writeByte(VERSION);
    out.writeInt(submission.events().size());
    for (NormalisedEvent e : submission.events()) {
      writeEvent(out, e);
    }
    out.writeInt(submission.refused().size());
    for (RefusedMessage r : submission.refused()) {
      out.writeInt(r.index());
      string(out, r.source());
      string(out, r.messageId());
      string(out, r.label());
      instant(out, r.receivedAt());
      violations(out, r.violations());
      string(out, r.userId());
      string(out, r.anonymousId());
    }
    return out.toByteArray();
  }

  /**
   * Decodes what {@link #encode} made.
   *
   * @throws IllegalArgumentException when the bytes are not a submission of a known version
   */
  public static Submission decode(byte[] payload) {
    ByteBuffer in = ByteBuffer.wrap(payload);
    try {
      byte version = in.get();
      if (version != VERSION && version != VERSION_WITHOUT_USAGE) {
        throw new IllegalArgumentException("unknown log record version " + version);
      }
      int events = in.getInt();
      List<NormalisedEvent> list = new ArrayList<>(events);
      for (int i = 0; i < events; i++) {
        list.add(readEvent(in, version == VERSION));
      }
      int refusedCount = in.getInt();
      List<RefusedMessage> refused = new ArrayList<>(refusedCount);
      for (int i = 0; i < refusedCount; i++) {
        refused.add(new RefusedMessage(in.getInt(), string(in), string(in), string(in), instant(in), violations(in),
            string(in), string(in)));
      }
      return new Submission(list, refused);
    } catch (BufferUnderflowException | IndexOutOfBoundsException e) {
      throw new IllegalArgumentException("a log record is cut short", e);
    }
  }

  private static void writeEvent(Out out, NormalisedEvent e) {
    string(out, e.source());
    string(out, e.messageId());
    string(out, e.type());
    string(out, e.event());
    string(out, e.userId());
    string(out, e.anonymousId());
    string(out, e.previousId());
    string(out, e.conversationId());
    string(out, e.chatMessageId());
    string(out, e.role());
    string(out, e.messageBody());
    string(out, e.itemType());
    string(out, e.action());
    string(out, e.subType());
    out.writeBoolean(e.rating() != null);
    if (e.rating() != null) {
      out.writeDouble(e.rating());
    }
    out.writeBoolean(e.messageCount() != null);
    if (e.messageCount() != null) {
      out.writeLong(e.messageCount());
    }
    instant(out, e.timestamp());
    instant(out, e.originalTimestamp());
    instant(out, e.sentAt());
    instant(out, e.receivedAt());
    string(out, e.body());
    violations(out, e.violations());
    Usage usage = e.usage();
    out.writeBoolean(usage != null);
    if (usage != null) {
      string(out, usage.model());
      optionalLong(out, usage.inputTokens());
      optionalLong(out, usage.outputTokens());
      out.writeBoolean(usage.cost() != null);
      if (usage.cost() != null) {
        out.writeDouble(usage.cost());
      }
    }
  }

  private static NormalisedEvent readEvent(ByteBuffer in, boolean withUsage) {
    NormalisedEvent e = new NormalisedEvent(string(in), string(in), string(in), string(in), string(in), string(in),
        string(in), string(in), string(in), string(in), string(in), string(in), string(in), string(in),
        in.get() != 0 ? in.getDouble() : null, in.get() != 0 ? in.getLong() : null,
        instant(in), instant(in), instant(in), instant(in), string(in), violations(in),
        withUsage && in.get() != 0 ? usage(in) : null);
    if (withUsage) {
      return e;
    }
    // Written before events carried usage (version 1): read it from the body, as the store's
    // one-time upgrade does for the events it held.
    Usage usage = Usage.fromBody(e.event(), e.body());
    return usage == null ? e : new NormalisedEvent(e.source(), e.messageId(), e.type(), e.event(), e.userId(),
        e.anonymousId(), e.previousId(), e.conversationId(), e.chatMessageId(), e.role(), e.messageBody(),
        e.itemType(), e.action(), e.subType(), e.rating(), e.messageCount(), e.timestamp(), e.originalTimestamp(),
        e.sentAt(), e.receivedAt(), e.body(), e.violations(), usage);
  }

  private static Usage usage(ByteBuffer in) {
    return new Usage(string(in), in.get() != 0 ? in.getLong() : null, in.get() != 0 ? in.getLong() : null,
        in.get() != 0 ? in.getDouble() : null);
  }

  private static void optionalLong(Out out, Long n) {
    out.writeBoolean(n != null);
    if (n != null) {
      out.writeLong(n);
    }
  }

  private static void violations(Out out, List<Violation> violations) {
    out.writeInt(violations.size());
    for (Violation v : violations) {
      string(out, v.event());
      string(out, v.path());
      string(out, v.code().wireName());
      string(out, v.message());
    }
  }

  private static List<Violation> violations(ByteBuffer in) {
    int n = in.getInt();
    if (n == 0) {
      return List.of();
    }
    List<Violation> list = new ArrayList<>(n);
    for (int i = 0; i < n; i++) {
      String event = string(in);
      String path = string(in);
      String code = string(in);
      String message = string(in);
      list.add(new Violation(event, path, ViolationCode.fromWireName(code)
          .orElseThrow(() -> new IllegalArgumentException("unknown violation code " + code)), message));
    }
    return list;
  }

  private static void string(Out out, String s) {
    if (s == null) {
      out.writeInt(-1);
      return;
    }
    byte[] utf8 = s.getBytes(StandardCharsets.UTF_8);
    out.writeInt(utf8.length);
    out.write(utf8);
  }

  private static String string(ByteBuffer in) {
    int length = in.getInt();
    if (length < 0) {
      return null;
    }
    String s = new String(in.array(), in.arrayOffset() + in.position(), length, StandardCharsets.UTF_8);
    in.position(in.position() + length);
    return s;
  }

  private static void instant(Out out, Instant t) {
    out.writeBoolean(t != null);
    if (t != null) {
      out.writeLong(t.getEpochSecond());
      out.writeInt(t.getNano());
    }
  }

  private static Instant instant(ByteBuffer in) {
    return in.get() != 0 ? Instant.ofEpochSecond(in.getLong(), in.getInt()) : null;
  }

  /** A growing byte array written big-endian, without the locks of the java.io streams. */
  private static final class Out {
    private byte[] bytes;
    private int size;

    Out(int capacity) {
      bytes = new byte[capacity];
    }

    private void room(int more) {
      if (size + more > bytes.length) {
        bytes = Arrays.copyOf(bytes, Math.max(size + more, bytes.length * 2));
      }
    }

    void writeByte(int b) {
      room(1);
      bytes[size++] = (byte) b;
    }

    void writeBoolean(boolean b) {
      writeByte(b ? 1 : 0);
    }

    void writeInt(int v) {
      room(4);
      bytes[size++] = (byte) (v >>> 24);
      bytes[size++] = (byte) (v >>> 16);
      bytes[size++] = (byte) (v >>> 8);
      bytes[size++] = (byte) v;
    }

    void writeLong(long v) {
      writeInt((int) (v >>> 32));
      writeInt((int) v);
    }

    void writeDouble(double v) {
      writeLong(Double.doubleToLongBits(v));
    }

    void write(byte[] b) {
      room(b.length);
      System.arraycopy(b, 0, bytes, size, b.length);
      size += b.length;
    }

    byte[] toByteArray() {
      return Arrays.copyOf(bytes, size);
    }
  }
}
