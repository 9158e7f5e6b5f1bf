package dev.parley.server.log;

import dev.parley.server.ingest.NormalisedEvent;
import dev.parley.server.ingest.RefusedMessage;
import dev.parley.server.ingest.Submission;
import dev.parley.spec.Violation;
import dev.parley.spec.ViolationCode;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.DataInputStream;
import java.io.DataOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

/**
 * The bytes of a {@link Submission} in the ingest log: a compact binary form of its events
 * (every column and the normalised body) and refused messages. Stateless and thread-safe.
 *
 * <p>Form, version 1: a version byte, then the events (count, then each event's fields in
 * {@link NormalisedEvent}'s order) and the refused messages. Strings are a length in bytes
 * (-1 for null) and UTF-8; instants are epoch seconds and nanos (a flag byte for null).
 */
public final class SubmissionCodec {
  private static final byte VERSION = 1;

  private SubmissionCodec() {}

  /** Encodes a submission. */
  public static byte[] encode(Submission submission) {
    ByteArrayOutputStream bytes = new ByteArrayOutputStream(256 + 1024 * submission.events().size());
    try (DataOutputStream out = new DataOutputStream(bytes)) {
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
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    return bytes.toByteArray();
  }

  /**
   * Decodes what {@link #encode} made.
   *
   * @throws IllegalArgumentException when the bytes are not a submission of a known version
   */
  public static Submission decode(byte[] payload) {
    try (DataInputStream in = new DataInputStream(new ByteArrayInputStream(payload))) {
      byte version = in.readByte();
      if (version != VERSION) {
        throw new IllegalArgumentException("unknown log record version " + version);
      }
      int events = in.readInt();
      List<NormalisedEvent> list = new ArrayList<>(events);
      for (int i = 0; i < events; i++) {
        list.add(readEvent(in));
      }
      int refusedCount = in.readInt();
      List<RefusedMessage> refused = new ArrayList<>(refusedCount);
      for (int i = 0; i < refusedCount; i++) {
        refused.add(new RefusedMessage(in.readInt(), string(in), string(in), string(in), instant(in), violations(in),
            string(in), string(in)));
      }
      return new Submission(list, refused);
    } catch (IOException e) {
      throw new IllegalArgumentException("a log record is cut short: " + e.getMessage(), e);
    }
  }

  private static void writeEvent(DataOutputStream out, NormalisedEvent e) throws IOException {
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
  }

  private static NormalisedEvent readEvent(DataInputStream in) throws IOException {
    return new NormalisedEvent(string(in), string(in), string(in), string(in), string(in), string(in), string(in),
        string(in), string(in), string(in), string(in), string(in), string(in), string(in),
        in.readBoolean() ? in.readDouble() : null, in.readBoolean() ? in.readLong() : null,
        instant(in), instant(in), instant(in), instant(in), string(in), violations(in));
  }

  private static void violations(DataOutputStream out, List<Violation> violations) throws IOException {
    out.writeInt(violations.size());
    for (Violation v : violations) {
      string(out, v.event());
      string(out, v.path());
      string(out, v.code().wireName());
      string(out, v.message());
    }
  }

  private static List<Violation> violations(DataInputStream in) throws IOException {
    int n = in.readInt();
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

  private static void string(DataOutputStream out, String s) throws IOException {
    if (s == null) {
      out.writeInt(-1);
      return;
    }
    byte[] utf8 = s.getBytes(StandardCharsets.UTF_8);
    out.writeInt(utf8.length);
    out.write(utf8);
  }

  private static String string(DataInputStream in) throws IOException {
    int length = in.readInt();
    if (length < 0) {
      return null;
    }
    byte[] utf8 = in.readNBytes(length);
    if (utf8.length != length) {
      throw new IOException("string of " + length + " bytes cut at " + utf8.length);
    }
    return new String(utf8, StandardCharsets.UTF_8);
  }

  private static void instant(DataOutputStream out, Instant t) throws IOException {
    out.writeBoolean(t != null);
    if (t != null) {
      out.writeLong(t.getEpochSecond());
      out.writeInt(t.getNano());
    }
  }

  private static Instant instant(DataInputStream in) throws IOException {
    return in.readBoolean() ? Instant.ofEpochSecond(in.readLong(), in.readInt()) : null;
  }
}
