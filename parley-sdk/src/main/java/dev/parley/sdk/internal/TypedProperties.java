package dev.parley.sdk.internal;

import com.fasterxml.jackson.core.JsonGenerator;
import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;

/**
 * The properties a typed call sets, in the order they are written: names with a string, a
 * whole number or a decimal. A whole decimal (a rating of 5.0) is written as an integer, as
 * the spec's examples do. Immutable; the {@link Builder} is not thread-safe.
 */
public final class TypedProperties {
  private static final TypedProperties NONE = new TypedProperties(List.of());

  private final List<Property> properties;

  private TypedProperties(List<Property> properties) {
    this.properties = properties;
  }

  /** No typed properties (an identify call, or a track call with extra properties only). */
  public static TypedProperties none() {
    return NONE;
  }

  /** An empty builder. */
  public static Builder builder() {
    return new Builder();
  }

  boolean isEmpty() {
    return properties.isEmpty();
  }

  int size() {
    return properties.size();
  }

  /** Whether {@link #writeTo(JsonBuffer)} writes exactly the bytes Jackson would. */
  boolean writableDirectly() {
    for (Property property : properties) {
      if (!property.writableDirectly()) {
        return false;
      }
    }
    return true;
  }

  /** Writes the properties as {@code "name":value} pairs separated by commas, without braces. */
  void writeTo(JsonBuffer out) {
    for (int i = 0; i < properties.size(); i++) {
      Property property = properties.get(i);
      if (i > 0) {
        out.raw(',');
      }
      out.string(property.name()).raw(':');
      property.writeValue(out);
    }
  }

  /** Writes the properties as fields of the object the generator is in. */
  void writeTo(JsonGenerator g) throws IOException {
    for (Property property : properties) {
      g.writeFieldName(property.name());
      property.writeValue(g);
    }
  }

  /** Collects properties in the order they will be written. */
  public static final class Builder {
    private final List<Property> properties = new ArrayList<>(6);

    private Builder() {}

    /** Adds a string property. */
    public Builder text(String name, String value) {
      properties.add(new Text(name, value));
      return this;
    }

    /** Adds a whole-number property. */
    public Builder number(String name, long value) {
      properties.add(new Whole(name, value));
      return this;
    }

    /** Adds a decimal property, written as an integer when it is a whole number. */
    public Builder number(String name, double value) {
      properties.add(new Decimal(name, value));
      return this;
    }

    /** The properties added so far. */
    public TypedProperties build() {
      return new TypedProperties(List.copyOf(properties));
    }
  }

  /** One property; each kind of value knows how it is written. */
  private sealed interface Property {
    String name();

    boolean writableDirectly();

    /** The fast path; only for a property that is {@link #writableDirectly()}. */
    void writeValue(JsonBuffer out);

    void writeValue(JsonGenerator g) throws IOException;
  }

  private record Text(String name, String value) implements Property {
    Text {
      Objects.requireNonNull(name, "name == null");
      Objects.requireNonNull(value, "value == null");
    }

    @Override
    public boolean writableDirectly() {
      return true;
    }

    @Override
    public void writeValue(JsonBuffer out) {
      out.string(value);
    }

    @Override
    public void writeValue(JsonGenerator g) throws IOException {
      g.writeString(value);
    }
  }

  private record Whole(String name, long value) implements Property {
    Whole {
      Objects.requireNonNull(name, "name == null");
    }

    @Override
    public boolean writableDirectly() {
      return true;
    }

    @Override
    public void writeValue(JsonBuffer out) {
      out.number(value);
    }

    @Override
    public void writeValue(JsonGenerator g) throws IOException {
      g.writeNumber(value);
    }
  }

  private record Decimal(String name, double value) implements Property {
    /** Above this, a double no longer holds every whole number exactly. */
    private static final double MAX_EXACT_LONG = 9.007199254740992E15;

    Decimal {
      Objects.requireNonNull(name, "name == null");
    }

    /** Fractional values take Jackson's number formatting; whole ones are written as integers. */
    @Override
    public boolean writableDirectly() {
      return whole();
    }

    @Override
    public void writeValue(JsonBuffer out) {
      out.number((long) value);
    }

    @Override
    public void writeValue(JsonGenerator g) throws IOException {
      if (whole()) {
        g.writeNumber((long) value);
      } else {
        g.writeNumber(value);
      }
    }

    private boolean whole() {
      return value == Math.rint(value) && Math.abs(value) <= MAX_EXACT_LONG;
    }
  }
}
