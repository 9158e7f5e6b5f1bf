package dev.parley.server.reliability;

import dev.parley.server.testing.TestServer;
import java.nio.charset.StandardCharsets;
import java.util.List;

/**
 * One request of the hostile corpus: the raw request head (without {@code Connection}), the
 * body, how it is written, and what may be answered. The messageIds it carries start with
 * {@code hostile-}, so the test can tell whether anything of it was stored.
 */
record HostileRequest(String name, String head, byte[] body, int chunk, long pauseMs, boolean cut, Expect expect) {
  /** What the collector may answer. */
  enum Expect {
    /** A 4xx with a clear error: the request cannot be accepted. */
    CLIENT_ERROR,
    /** Anything but a 5xx: acceptable as data (flag mode stores it with violations) or refused. */
    NOT_SERVER_ERROR
  }

  static final String AUTH = "Authorization: " + TestServer.basic(TestServer.WRITE_KEY);

  /** A POST of {@code body} to {@code path} with the test key and a true Content-Length. */
  static HostileRequest post(String name, String path, byte[] body, Expect expect, String... headers) {
    return new HostileRequest(name, head("POST", path, body.length, headers), body, Math.max(1, body.length), 0,
        false, expect);
  }

  static HostileRequest post(String name, String path, String body, Expect expect, String... headers) {
    return post(name, path, body.getBytes(StandardCharsets.UTF_8), expect, headers);
  }

  static HostileRequest batch(String name, String body, Expect expect) {
    return post(name, "/v1/batch", body, expect, "Content-Type: application/json");
  }

  /** A request line and headers: Host, then {@code headers}, then the auth and length unless given. */
  static String head(String method, String path, long contentLength, String... headers) {
    StringBuilder head = new StringBuilder(method).append(' ').append(path).append(" HTTP/1.1\r\nHost: 127.0.0.1");
    List<String> given = List.of(headers);
    given.forEach(h -> head.append("\r\n").append(h));
    if (given.stream().noneMatch(h -> h.regionMatches(true, 0, "Authorization:", 0, 14)
        || h.equals("X-No-Auth: 1"))) {
      head.append("\r\n").append(AUTH);
    }
    if (contentLength >= 0 && given.stream().noneMatch(h -> h.regionMatches(true, 0, "Content-Length:", 0, 15)
        || h.regionMatches(true, 0, "Transfer-Encoding:", 0, 18))) {
      head.append("\r\nContent-Length: ").append(contentLength);
    }
    return head.toString();
  }

  @Override
  public String toString() {
    return name;
  }
}
