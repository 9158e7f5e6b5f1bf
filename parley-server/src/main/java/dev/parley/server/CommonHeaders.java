package dev.parley.server;

import io.javalin.http.Context;

/**
 * The headers every answer carries: no MIME sniffing, a Content-Security-Policy that allows
 * nothing (the dashboard's pages and files replace it with their own), and under TLS,
 * {@code Strict-Transport-Security} so browsers keep to HTTPS.
 */
final class CommonHeaders {
  static final String NOTHING_ALLOWED = "default-src 'none'; frame-ancestors 'none'";
  static final String HSTS = "max-age=31536000";

  private CommonHeaders() {}

  static void apply(Context ctx, boolean tls) {
    ctx.header("X-Content-Type-Options", "nosniff");
    ctx.header("Content-Security-Policy", NOTHING_ALLOWED);
    if (tls) {
      ctx.header("Strict-Transport-Security", HSTS);
    }
  }
}
