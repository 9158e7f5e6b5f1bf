package dev.parley.springai.internal;

import java.util.Locale;
import java.util.Map;
import org.springframework.util.MimeType;

/** Turns a MIME type into the spec's Media Generated {@code type} and {@code sub_type}. */
final class MediaTypes {
  private static final Map<String, String> SUBTYPE_NAMES =
      Map.of("mpeg", "mp3", "svg+xml", "svg", "x-wav", "wav", "wave", "wav", "vnd.wave", "wav");

  private MediaTypes() {}

  /** {@code image/png} gives {@code image}; a missing or wildcard type gives {@code unknown}. */
  static String type(MimeType mimeType) {
    return mimeType == null || mimeType.isWildcardType() ? "unknown" : mimeType.getType().toLowerCase(Locale.ROOT);
  }

  /** {@code image/png} gives {@code png}, {@code audio/mpeg} gives {@code mp3}. */
  static String subType(MimeType mimeType) {
    if (mimeType == null || mimeType.isWildcardSubtype()) {
      return "unknown";
    }
    String sub = mimeType.getSubtype().toLowerCase(Locale.ROOT);
    sub = SUBTYPE_NAMES.getOrDefault(sub, sub);
    return sub.startsWith("x-") ? sub.substring(2) : sub;
  }
}
