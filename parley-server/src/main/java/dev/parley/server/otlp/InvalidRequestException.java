package dev.parley.server.otlp;

/** A body that is no OTLP trace export request: answered 400, which exporters do not retry. */
final class InvalidRequestException extends RuntimeException {
  private static final long serialVersionUID = 1L;

  InvalidRequestException(String message) {
    super(message, null, false, false);
  }
}
