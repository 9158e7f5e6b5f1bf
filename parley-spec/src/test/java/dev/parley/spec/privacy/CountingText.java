package dev.parley.spec.privacy;

/**
 * A text that counts how often its characters are read. {@code java.util.regex} reads its
 * input only through {@link #charAt}, so the count measures a pattern's work without a clock.
 */
final class CountingText implements CharSequence {
  private final String text;
  private final long[] reads;

  private CountingText(String text, long[] reads) {
    this.text = text;
    this.reads = reads;
  }

  /** How many characters {@link PiiMasker#mask(String)} reads from its patterns to mask {@code text}. */
  static long readsToMask(PiiMasker masker, String text) {
    long[] reads = {0};
    masker.mask(text, t -> new CountingText(t, reads));
    return reads[0];
  }

  @Override
  public int length() {
    return text.length();
  }

  @Override
  public char charAt(int index) {
    reads[0]++;
    return text.charAt(index);
  }

  @Override
  public CharSequence subSequence(int start, int end) {
    return new CountingText(text.substring(start, end), reads);
  }

  @Override
  public String toString() {
    return text;
  }
}
