package dev.parley.server.dashboard;

import java.util.Map;

/**
 * The headers every dashboard page and asset carries: a strict Content-Security-Policy (no
 * inline script or style, nothing from elsewhere), no framing, no MIME sniffing, and no
 * referrer (the one-time login link carries the token in its query).
 */
final class SecurityHeaders {
  static final String CSP = "default-src 'self'; script-src 'self'; style-src 'self'; img-src 'self' data:;"
      + " connect-src 'self'; object-src 'none'; base-uri 'none'; form-action 'self'; frame-ancestors 'none'";

  static final Map<String, String> ALL = Map.of(
      "Content-Security-Policy", CSP,
      "X-Frame-Options", "DENY",
      "X-Content-Type-Options", "nosniff",
      "Referrer-Policy", "no-referrer",
      "Cache-Control", "no-cache");

  private SecurityHeaders() {}
}
