package dev.parley.instrumentation;

import java.net.URI;
import java.util.Locale;
import java.util.Map;

/**
 * Turns a MIME type (or, without one, a URL's file extension) into the spec's Media Generated
 * {@code sub_type}. Stateless; thread-safe.
 */
public final class MediaTypes {
  /** The {@code type} or {@code sub_type} sent when nothing better is known. */
  public static final String UNKNOWN = "unknown";

  private static final Map<String, String> SUBTYPE_NAMES =
      Map.of("mpeg", "mp3", "svg+xml", "svg", "x-wav", "wav", "wave", "wav", "vnd.wave", "wav");

  private MediaTypes() {}

  /**
   * The sub_type: {@code image/png} gives {@code png}, {@code audio/mpeg} gives {@code mp3},
   * {@code audio/x-flac} gives {@code flac}; parameters are ignored. A null (or subtype-less)
   * MIME type falls back to the URL's extension, then to {@link #UNKNOWN}.
   *
   * @param mimeType the MIME type, or null
   * @param url where the media is, or null
   */
  public static String subType(String mimeType, URI url) {
    if (mimeType != null && mimeType.contains("/")) {
      String sub = mimeType.substring(mimeType.indexOf('/') + 1).toLowerCase(Locale.ROOT);
      int parameters = sub.indexOf(';');
      if (parameters >= 0) {
        sub = sub.substring(0, parameters);
      }
      sub = sub.strip();
      sub = SUBTYPE_NAMES.getOrDefault(sub, sub);
      if (sub.startsWith("x-")) {
        sub = sub.substring(2);
      }
      if (!sub.isBlank()) {
        return sub;
      }
    }
    if (url != null && url.getPath() != null) {
      String path = url.getPath();
      int dot = path.lastIndexOf('.');
      if (dot >= 0 && dot > path.lastIndexOf('/') && dot < path.length() - 1) {
        return path.substring(dot + 1).toLowerCase(Locale.ROOT);
      }
    }
    return UNKNOWN;
  }
}
