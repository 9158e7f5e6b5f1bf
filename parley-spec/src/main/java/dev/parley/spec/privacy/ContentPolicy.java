package dev.parley.spec.privacy;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.parley.spec.NearMiss;
import dev.parley.spec.PropertyNames;
import dev.parley.spec.WireFields;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * Applies a {@link ContentMode} to the content of a message, in place.
 *
 * <p>The message body is content wherever and however it is sent: every field that the
 * {@link dev.parley.spec.Validator} reads as {@code message_body} (the name itself and its near
 * misses such as {@code messageBody} or {@code message_bdy}, see {@link NearMiss#isMisnamed}), in
 * {@code properties} and at the top level of the message, whatever its JSON type. {@link
 * ContentMode#DROP} replaces it with {@value #DROPPED} and keeps the length of its text beside it
 * as {@code <name>_length}; {@link ContentMode#HASH} replaces it with the keyed hash of its text;
 * for both, the text of a number is its digits and that of an object or array its JSON. {@link
 * ContentMode#MASK} masks every string in it, every number (as its digits; a number masking
 * changed becomes a string, such as {@code "[CARD]"}) and every object key.
 *
 * <p>Configured paths are dotted from the top of the message ({@code context.traits.email}); the
 * mode treats every string and number at or inside them (object keys are kept), and a dropped one
 * keeps its length beside it too. The default path is {@code properties.message_body}, which the
 * body rule above already covers; naming it is harmless. Immutable and thread-safe.
 */
public final class ContentPolicy {
  /** What a dropped text is replaced with. */
  public static final String DROPPED = "[DROPPED]";
  /** The path treated when none is configured. */
  public static final String DEFAULT_PATH = "properties.message_body";
  /** Added to a dropped field's name for the field that keeps its length. */
  static final String LENGTH_SUFFIX = "_length";

  private static final ContentPolicy KEEP = builder(ContentMode.KEEP).build();

  private final ContentMode mode;
  private final List<String[]> paths;
  private final List<String> pathNames;
  private final PiiMasker masker;
  private final ContentHasher hasher;
  private final ValueTreatment treatment;

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
    this.treatment = new ValueTreatment(mode, this::treat);
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

  /** Treats the content of the message in place; returns how many values were changed. */
  public int apply(ObjectNode message) {
    if (mode == ContentMode.KEEP) {
      return 0;
    }
    int changed = 0;
    for (ObjectNode parent : bodyParents(message)) {
      for (String name : bodyNames(parent)) {
        changed += treatment.body(parent, name);
      }
    }
    ValueTreatment.FieldFilter bodies = (parent, name) -> isBody(message, parent, name);
    for (String[] path : paths) {
      JsonNode parent = message;
      for (int i = 0; i < path.length - 1 && parent != null; i++) {
        parent = parent.get(path[i]);
      }
      String name = path[path.length - 1];
      if (parent instanceof ObjectNode object && !isBody(message, object, name)) {
        changed += treatment.leaves(object, name, bodies);
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

  private static List<ObjectNode> bodyParents(ObjectNode message) {
    return message.get(WireFields.PROPERTIES) instanceof ObjectNode properties
        ? List.of(properties, message) : List.of(message);
  }

  private static List<String> bodyNames(ObjectNode parent) {
    List<String> names = new ArrayList<>(1);
    for (Iterator<String> it = parent.fieldNames(); it.hasNext(); ) {
      String name = it.next();
      if (isBodyName(name)) {
        names.add(name);
      }
    }
    return names;
  }

  private static boolean isBody(ObjectNode message, JsonNode parent, String name) {
    return (parent == message || parent == message.get(WireFields.PROPERTIES)) && isBodyName(name);
  }

  /** Whether the validator reads a field of this name as the message body. */
  private static boolean isBodyName(String name) {
    return name.equals(PropertyNames.MESSAGE_BODY) || NearMiss.isMisnamed(name, PropertyNames.MESSAGE_BODY);
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
