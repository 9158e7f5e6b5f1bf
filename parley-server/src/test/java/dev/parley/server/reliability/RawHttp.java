package dev.parley.server.reliability;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.Socket;
import java.net.SocketException;
import java.nio.charset.StandardCharsets;

/**
 * HTTP/1.1 over a plain socket, for requests a well-behaved client cannot make: a lying
 * {@code Content-Length}, a body sent a few bytes at a time, a request cut off half way.
 * One request per connection ({@code Connection: close}).
 */
final class RawHttp {
  /** A status and the body as text; status 0 when the server closed without answering. */
  record Answer(int status, String body) {}

  private RawHttp() {}

  /**
   * Writes {@code head} (request line and headers, without the blank line), then the body in
   * chunks of {@code chunk} bytes with {@code pauseMs} between them; stops writing after
   * {@code sendBytes} bytes of the body and half-closes the connection when {@code cut}.
   */
  static Answer exchange(int port, String head, byte[] body, int chunk, long pauseMs, boolean cut)
      throws IOException, InterruptedException {
    try (Socket socket = new Socket("127.0.0.1", port)) {
      socket.setSoTimeout(60_000);
      OutputStream out = socket.getOutputStream();
      out.write((head + "\r\nConnection: close\r\n\r\n").getBytes(StandardCharsets.ISO_8859_1));
      try {
        for (int i = 0; i < body.length; i += chunk) {
          out.write(body, i, Math.min(chunk, body.length - i));
          out.flush();
          if (pauseMs > 0) {
            Thread.sleep(pauseMs);
          }
        }
        if (cut) {
          socket.shutdownOutput();
        }
      } catch (SocketException e) {
        // the server answered and closed before the whole (oversize) body was written
      }
      return read(socket.getInputStream());
    }
  }

  static Answer exchange(int port, String head, byte[] body) throws IOException, InterruptedException {
    return exchange(port, head, body, Math.max(1, body.length), 0, false);
  }

  private static Answer read(InputStream in) throws IOException {
    ByteArrayOutputStream bytes = new ByteArrayOutputStream();
    try {
      in.transferTo(bytes);
    } catch (SocketException e) {
      // reset after the answer: keep what arrived
    }
    String text = bytes.toString(StandardCharsets.ISO_8859_1);
    if (!text.startsWith("HTTP/1.1 ") || text.length() < 12) {
      return new Answer(0, text);
    }
    int status = Integer.parseInt(text.substring(9, 12));
    int blank = text.indexOf("\r\n\r\n");
    String body = blank < 0 ? "" : new String(bytes.toByteArray(), blank + 4, bytes.size() - blank - 4,
        StandardCharsets.UTF_8);
    return new Answer(status, body);
  }
}
