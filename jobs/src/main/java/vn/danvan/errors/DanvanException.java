package vn.danvan.errors;

/**
 * A condition that stops a command: its message is the one line the user reads on stderr, saying
 * what failed and what to do; the cause is kept for the log.
 */
public final class DanvanException extends RuntimeException {

  private static final long serialVersionUID = 1L;

  /** The exit code of a run that failed. */
  public static final int FAILED = 1;

  /** The exit code of a command line that asks for something no run can do: fix the command. */
  public static final int USAGE = 2;

  /** The exit code of a run that found the warehouse held by another run and gave up waiting. */
  public static final int BUSY = 3;

  private final int exitCode;

  /** A failure described by {@code message}. */
  public DanvanException(String message) {
    this(message, null, FAILED);
  }

  /** A failure described by {@code message}, caused by {@code cause}. */
  public DanvanException(String message, Throwable cause) {
    this(message, cause, FAILED);
  }

  /** A failure described by {@code message} that ends the command with {@code exitCode}. */
  public DanvanException(String message, Throwable cause, int exitCode) {
    super(message, cause);
    this.exitCode = exitCode;
  }

  /** The command's exit code. */
  public int exitCode() {
    return exitCode;
  }
}
