package dev.parley.spec.privacy;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * Applies a {@link ContentMode} to the text of a message at configured paths, in place.
 *
 * <p>Paths are dotted from the top of the message ({@code properties.message_body},
 * {@code context.traits.email}); when a path names an object or array, every string inside
 * it is treated. The default path is {@code properties.message_body}. In {@link
 * ContentMode#DROP} mode the string becomes {@value #DROPPED} and its length is kept beside
 * it as {@code <name>_length}. Immutable and thread-safe.
 */
public final class ContentPolicy {
  /** What a dropped text is replaced with. */
  public static final String DROPPED = "[DROPPED]";
  /** The path treated when none is configured. */
  public static final String DEFAULT_PATH = "properties.message_body";

  private static final ContentPolicy KEEP = builder(ContentMode.KEEP).build();

  private final ContentMode mode;
  private final List<String[]> paths;
  private final List<String> pathNames;
  private final PiiMasker masker;
  private final ContentHasher hasher;

  private ContentPolicy(Builder builder) {
    this.mode = builder.mode;
    this.pathNames = List.copyOf(builder.paths);
    List<String[]> split = new ArrayList<>();
    for (String path : pathNames) {
      split.add(path.split("\\."));
    }
    this.paths = List.copyOf(split);
    this.masker = builder.customPatterns.isEmpty()
        ? PiiMasker.standard() : PiiMasker.withCustomPatterns(builder.customPatterns);
    this.hasher = builder.hashKey == null ? null : new ContentHasher(builder.hashKey);
    if (mode == ContentMode.HASH && hasher == null) {
      throw new IllegalStateException("content mode hash needs a hash key");
    }
  }

  /** A policy that keeps all text. */
  public static ContentPolicy keep() {
    return KEEP;
  }

  /** Starts a policy with this mode. */
  public static Builder builder(ContentMode mode) {
    return new Builder(mode);
  }

  public ContentMode mode() {
    return mode;
  }

  public List<String> paths() {
    return pathNames;
  }

  /** Treats the text of the message in place; returns how many strings were changed. */
  public int apply(ObjectNode message) {
    if (mode == ContentMode.KEEP) {
      return 0;
    }
    int changed = 0;
    for (String[] path : paths) {
      JsonNode parent = message;
      for (int i = 0; i < path.length - 1 && parent != null; i++) {
        parent = parent.get(path[i]);
      }
      if (parent instanceof ObjectNode object) {
        changed += treatField(object, path[path.length - 1]);
      }
    }
    return changed;
  }

  /** Treats one text on its own, as {@link #apply} would (DROP gives {@value #DROPPED}). */
  public String treat(String text) {
    return switch (mode) {
      case KEEP -> text;
      case MASK -> masker.mask(text);
      case HASH -> hasher.hash(text);
      case DROP -> DROPPED;
    };
  }

  private int treatField(ObjectNode parent, String name) {
    JsonNode value = parent.get(name);
    if (value == null) {
      return 0;
    }
    if (value.isTextual()) {
      String text = value.textValue();
      String treated = treat(text);
      if (mode == ContentMode.DROP) {
        parent.put(name + "_length", text.length());
      }
      if (treated.equals(text)) {
        return 0;
      }
      parent.put(name, treated);
      return 1;
    }
    return treatContainer(value);
  }

  private int treatContainer(JsonNode container) {
    int changed = 0;
    if (container instanceof ObjectNode object) {
      List<String> names = new ArrayList<>();
      object.fieldNames().forEachRemaining(names::add);
      for (String name : names) {
        changed += treatField(object, name);
      }
    } else if (container instanceof ArrayNode array) {
      for (int i = 0; i < array.size(); i++) {
        JsonNode item = array.get(i);
        if (item.isTextual()) {
          String treated = treat(item.textValue());
          if (!treated.equals(item.textValue())) {
            array.set(i, array.textNode(treated));
            changed++;
          }
        } else {
          changed += treatContainer(item);
        }
      }
    }
    return changed;
  }

  @Override
  public String toString() {
    return "ContentPolicy{" + mode.configName() + " " + pathNames + "}";
  }

  /** Builds a {@link ContentPolicy}. Not thread-safe. */
  public static final class Builder {
    private final ContentMode mode;
    private final List<String> paths = new ArrayList<>(List.of(DEFAULT_PATH));
    private final Map<String, String> customPatterns = new LinkedHashMap<>();
    private byte[] hashKey;

    private Builder(ContentMode mode) {
      this.mode = Objects.requireNonNull(mode, "mode == null");
    }

    /** Replaces the default path with these paths. */
    public Builder paths(List<String> paths) {
      Objects.requireNonNull(paths, "paths == null");
      for (String path : paths) {
        if (path == null || path.isBlank() || path.startsWith(".") || path.endsWith(".")) {
          throw new IllegalArgumentException("bad content path \"" + path + "\"; write it like properties.message_body");
        }
      }
      this.paths.clear();
      this.paths.addAll(paths);
      return this;
    }

    /**
     * Adds a custom pattern whose matches become {@code [NAME]} in mask mode. It runs as written,
     * within a budget of work per character; see {@link PiiMasker}.
     */
    public Builder customPattern(String name, String regex) {
      Objects.requireNonNull(name, "name == null");
      Objects.requireNonNull(regex, "regex == null");
      java.util.regex.Pattern.compile(regex);
      customPatterns.put(name, regex);
      return this;
    }

    /** The secret for hash mode (at least 16 bytes). */
    public Builder hashKey(byte[] key) {
      this.hashKey = Objects.requireNonNull(key, "key == null").clone();
      return this;
    }

    public ContentPolicy build() {
      return new ContentPolicy(this);
    }
  }
}
