package dev.parley.server.ingest;

import java.io.ByteArrayOutputStream;
import java.io.EOFException;
import java.io.IOException;
import java.io.InputStream;
import java.util.Locale;
import java.util.zip.GZIPInputStream;
import java.util.zip.ZipException;

/**
 * Reads a request body into memory without ever holding more than its limit: the bytes are
 * counted as they arrive (after gzip decompression, when the body is compressed), and reading
 * stops at the first byte over the limit, so neither a huge body nor a small gzip bomb can
 * fill the heap.
 */
public final class BodyReader {
  private BodyReader() {}

  /**
   * The body's bytes, decompressed.
   *
   * @param limit the most bytes accepted
   * @param limitName what the limit is, for the 413 answer ("32 KB per message")
   * @throws RejectedException 413 over the limit, 400 for a body that is not valid gzip
   *     or an unsupported Content-Encoding
   */
  public static byte[] read(InputStream raw, String contentEncoding, int limit, String limitName) throws IOException {
    InputStream in = raw;
    String encoding = contentEncoding == null ? "" : contentEncoding.trim().toLowerCase(Locale.ROOT);
    switch (encoding) {
      case "", "identity" -> { }
      case "gzip", "x-gzip" -> {
        try {
          in = new GZIPInputStream(raw, 8192);
        } catch (ZipException | EOFException e) {
          throw Rejection.badRequest("the body is not valid gzip: " + e.getMessage()).toException();
        }
      }
      default -> throw Rejection.badRequest("unsupported Content-Encoding \"" + contentEncoding
          + "\"; send identity or gzip").toException();
    }
    ByteArrayOutputStream out = new ByteArrayOutputStream(Math.min(limit, 16 * 1024));
    byte[] chunk = new byte[8192];
    long total = 0;
    try {
      int n;
      while ((n = in.read(chunk, 0, (int) Math.min(chunk.length, limit + 1L - total))) > 0) {
        total += n;
        if (total > limit) {
          throw Rejection.tooLarge("request body over the limit of " + limitName).toException();
        }
        out.write(chunk, 0, n);
      }
    } catch (ZipException | EOFException e) {
      throw Rejection.badRequest("the body is not valid gzip: " + e.getMessage()).toException();
    }
    return out.toByteArray();
  }
}
