package dev.parley.server.store;

/** The store failed to do what was asked; nothing of that operation was committed. */
public class StoreException extends RuntimeException {
  private static final long serialVersionUID = 1L;

  public StoreException(String message, Throwable cause) {
    super(message, cause);
  }
}
