package dev.parley.spec.privacy;

/**
 * A text that allows only so many reads of its characters, then throws {@link Exhausted}.
 * {@code java.util.regex} reads its input only through {@link #charAt}, so this bounds the
 * work of a pattern that backtracks without bound. Not thread-safe: one per match.
 */
final class ReadBudget implements CharSequence {
  /** Thrown, without a stack trace, when the budget is spent. */
  static final class Exhausted extends RuntimeException {
    private static final long serialVersionUID = 1L;

    Exhausted() {
      super("the pattern read the text more often than its budget allows", null, false, false);
    }
  }

  private final CharSequence text;
  private final long[] left;

  private ReadBudget(CharSequence text, long[] left) {
    this.text = text;
    this.left = left;
  }

  /** {@code text}, readable {@code reads} times in all (its sub-sequences share the budget). */
  static ReadBudget of(CharSequence text, long reads) {
    return new ReadBudget(text, new long[] {reads});
  }

  @Override
  public int length() {
    return text.length();
  }

  @Override
  public char charAt(int index) {
    if (--left[0] < 0) {
      throw new Exhausted();
    }
    return text.charAt(index);
  }

  @Override
  public CharSequence subSequence(int start, int end) {
    return new ReadBudget(text.subSequence(start, end), left);
  }

  @Override
  public String toString() {
    return text.toString();
  }
}
