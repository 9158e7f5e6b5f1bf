package dev.parley.server.api;

import dev.parley.server.config.Secrets;
import io.javalin.http.Context;
import io.javalin.http.Cookie;
import io.javalin.http.SameSite;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;

/**
 * The dashboard's login sessions: an admin who proved the token gets a random session id in
 * an HttpOnly, SameSite=Strict cookie, so the token itself never sits in the browser. Kept in
 * memory: a restart of the server signs everyone out. Thread-safe.
 */
public final class Sessions {
  /** The cookie that carries the session id. */
  public static final String COOKIE = "parley_session";
  /** How long a session lasts. */
  public static final Duration LIFETIME = Duration.ofHours(12);

  /** How long a one-time sign-in code waits to be used. */
  public static final Duration CODE_LIFETIME = Duration.ofHours(24);

  private final Map<String, Instant> expiries = new ConcurrentHashMap<>();
  private final Map<String, Instant> codes = new ConcurrentHashMap<>();
  private final Clock clock;

  public Sessions(Clock clock) {
    this.clock = clock;
  }

  /**
   * A code for a one-time sign-in link ({@code /?token=CODE}): it signs in once, within
   * {@link #CODE_LIFETIME}, so the admin token itself need not travel in a URL.
   */
  public String oneTimeCode() {
    Instant now = clock.instant();
    codes.values().removeIf(expiry -> expiry.isBefore(now));
    String code = Secrets.random("once_", 24);
    codes.put(code, now.plus(CODE_LIFETIME));
    return code;
  }

  /** Uses up a one-time code; true when it was live. */
  public boolean redeem(String code) {
    Instant expiry = code == null ? null : codes.remove(code);
    return expiry != null && expiry.isAfter(clock.instant());
  }

  /** Starts a session and sets its cookie on the answer. */
  public void start(Context ctx) {
    Instant now = clock.instant();
    expiries.values().removeIf(expiry -> expiry.isBefore(now));
    String id = Secrets.random("", 32);
    expiries.put(id, now.plus(LIFETIME));
    Cookie cookie = new Cookie(COOKIE, id);
    cookie.setHttpOnly(true);
    cookie.setSameSite(SameSite.STRICT);
    cookie.setPath("/");
    cookie.setMaxAge((int) LIFETIME.toSeconds());
    // Behind a proxy that ends TLS, the proxy says so in X-Forwarded-Proto.
    cookie.setSecure("https".equals(ctx.scheme()) || "https".equalsIgnoreCase(ctx.header("X-Forwarded-Proto")));
    ctx.cookie(cookie);
  }

  /** Whether the request carries a live session. */
  public boolean valid(Context ctx) {
    String id = ctx.cookie(COOKIE);
    if (id == null) {
      return false;
    }
    Instant expiry = expiries.get(id);
    return expiry != null && expiry.isAfter(clock.instant());
  }

  /** Ends the request's session, if any, and clears its cookie. */
  public void end(Context ctx) {
    Optional.ofNullable(ctx.cookie(COOKIE)).ifPresent(expiries::remove);
    ctx.removeCookie(COOKIE, "/");
  }
}
