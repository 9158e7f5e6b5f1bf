package dev.parley.instrumentation;

import java.util.Map;
import java.util.Objects;

/**
 * One image, audio clip or other media item of a turn, as its Media Generated reports it. A
 * value; thread-safe.
 *
 * @param type the spec's {@code type}, such as {@code image} or {@code audio}
 * @param subType the spec's {@code sub_type}, such as {@code png} (see {@link MediaTypes})
 * @param properties extra properties, such as where the item came from; copied
 */
public record GeneratedMedia(String type, String subType, Map<String, Object> properties) {
  /** Checks and copies the components. */
  public GeneratedMedia {
    Objects.requireNonNull(type, "type == null");
    Objects.requireNonNull(subType, "subType == null");
    properties = Map.copyOf(properties);
  }
}
