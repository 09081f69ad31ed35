package vn.danvan.text;

/**
 * The outcome of reading one cell: a value, or the code of the reason it could not be read for
 * sure.
 *
 * @param value the value read, null when the cell is blank or unreadable
 * @param problem a reason code from {@code reasons.csv}, null when the cell was read
 */
public record Parsed<T>(T value, String problem) {

  /** A cell read as {@code value}. */
  public static <T> Parsed<T> of(T value) {
    return new Parsed<>(value, null);
  }

  /** A blank cell. */
  public static <T> Parsed<T> blank() {
    return new Parsed<>(null, null);
  }

  /** A cell that could not be read, for the reason {@code problem}. */
  public static <T> Parsed<T> failed(String problem) {
    return new Parsed<>(null, problem);
  }

  /** True when the cell could not be read. */
  public boolean isFailed() {
    return problem != null;
  }
}
