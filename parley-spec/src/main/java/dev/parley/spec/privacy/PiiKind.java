package dev.parley.spec.privacy;

/** The kinds of personal data the masker detects, each with its placeholder. */
public enum PiiKind {
  EMAIL("[EMAIL]"),
  CARD("[CARD]"),
  IBAN("[IBAN]"),
  SSN("[SSN]"),
  IP("[IP]"),
  PHONE("[PHONE]");

  private final String placeholder;

  PiiKind(String placeholder) {
    this.placeholder = placeholder;
  }

  /** The text that replaces a detected value, e.g. {@code [EMAIL]}. */
  public String placeholder() {
    return placeholder;
  }
}
