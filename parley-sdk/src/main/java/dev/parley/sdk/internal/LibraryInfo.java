package dev.parley.sdk.internal;

import java.io.IOException;
import java.io.InputStream;
import java.util.Properties;

/** The library's name and version as sent in {@code context.library}. */
public final class LibraryInfo {
  public static final String NAME = "parley-java";
  public static final String VERSION = readVersion();

  private LibraryInfo() {}

  private static String readVersion() {
    try (InputStream in = LibraryInfo.class.getResourceAsStream("library.properties")) {
      if (in == null) {
        return "unknown";
      }
      Properties properties = new Properties();
      properties.load(in);
      return properties.getProperty("version", "unknown");
    } catch (IOException e) {
      return "unknown";
    }
  }
}
