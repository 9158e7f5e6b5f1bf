package dev.parley.server.ingest;

/**
 * Carries a {@link Rejection} out of deep reading and parsing code to the request's edge,
 * where it becomes the answer: the failure of a {@link BodyIntake#read} or {@link BodyReader#read}.
 */
public final class RejectedException extends RuntimeException {
  private static final long serialVersionUID = 1L;
  private final transient Rejection rejection;

  RejectedException(Rejection rejection) {
    super(rejection.error(), null, false, false);
    this.rejection = rejection;
  }

  public Rejection rejection() {
    return rejection;
  }
}
