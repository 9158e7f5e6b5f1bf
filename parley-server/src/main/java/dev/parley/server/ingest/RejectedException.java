package dev.parley.server.ingest;

/**
 * Carries a {@link Rejection} out of deep reading and parsing code to the request's edge,
 * where it becomes the answer. Never escapes the ingest package.
 */
final class RejectedException extends RuntimeException {
  private static final long serialVersionUID = 1L;
  private final transient Rejection rejection;

  RejectedException(Rejection rejection) {
    super(rejection.error(), null, false, false);
    this.rejection = rejection;
  }

  Rejection rejection() {
    return rejection;
  }
}
