package vn.danvan.errors;

/**
 * A condition that stops a command: its message is the one line the user reads on stderr, saying
 * what failed and what to do; the cause is kept for the log.
 */
public final class DanvanException extends RuntimeException {

  private static final long serialVersionUID = 1L;

  /** A failure described by {@code message}. */
  public DanvanException(String message) {
    super(message);
  }

  /** A failure described by {@code message}, caused by {@code cause}. */
  public DanvanException(String message, Throwable cause) {
    super(message, cause);
  }
}
