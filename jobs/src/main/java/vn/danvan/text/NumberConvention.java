package vn.danvan.text;

import java.util.regex.Pattern;

/**
 * How a file writes its numbers: Vietnamese ("1.234,5": dot groups thousands, comma is the decimal
 * mark), English ("1,234.5"), or not told by any cell of the file.
 */
public enum NumberConvention {
  VIETNAMESE,
  ENGLISH,
  UNKNOWN,
  MIXED;

  // A cell is evidence only when a single reading makes sense of it.
  private static final Pattern VN_DECIMAL = Pattern.compile("-?\\d+,(\\d{1,2}|\\d{4,})");
  private static final Pattern VN_GROUPS = Pattern.compile("-?\\d{1,3}(\\.\\d{3}){2,}(,\\d+)?");
  private static final Pattern VN_GROUPED_DECIMAL = Pattern.compile("-?\\d{1,3}(\\.\\d{3})+,\\d+");
  private static final Pattern EN_DECIMAL = Pattern.compile("-?\\d+\\.(\\d{1,2}|\\d{4,})");
  private static final Pattern EN_GROUPS = Pattern.compile("-?\\d{1,3}(,\\d{3}){2,}(\\.\\d+)?");
  private static final Pattern EN_GROUPED_DECIMAL = Pattern.compile("-?\\d{1,3}(,\\d{3})+\\.\\d+");

  /** Accumulates evidence from a file's numeric cells. */
  public static final class Detector {
    private boolean vietnamese;
    private boolean english;

    /** Looks at one numeric cell (already stripped of unit words). */
    public void accept(String cell) {
      if (cell == null) {
        return;
      }
      String s = cell.strip();
      if (VN_DECIMAL.matcher(s).matches()
          || VN_GROUPS.matcher(s).matches()
          || VN_GROUPED_DECIMAL.matcher(s).matches()) {
        vietnamese = true;
      } else if (EN_DECIMAL.matcher(s).matches()
          || EN_GROUPS.matcher(s).matches()
          || EN_GROUPED_DECIMAL.matcher(s).matches()) {
        english = true;
      }
    }

    /** The convention the cells seen so far agree on. */
    public NumberConvention result() {
      if (vietnamese && english) {
        return MIXED;
      }
      return vietnamese ? VIETNAMESE : english ? ENGLISH : UNKNOWN;
    }
  }
}
