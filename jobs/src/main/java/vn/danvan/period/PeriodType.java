package vn.danvan.period;

/** The reporting windows figures are computed for (DESIGN.md §3.2). */
public enum PeriodType {
  MONTH("month"),
  QUARTER("quarter"),
  HALF("half"),
  YTD9("ytd9"),
  YEAR("year"),
  PHASE("phase");

  private final String label;

  PeriodType(String label) {
    this.label = label;
  }

  /** The name used in tables ({@code period_type}). */
  public String label() {
    return label;
  }

  /** The type called {@code label} in tables. */
  public static PeriodType fromLabel(String label) {
    for (PeriodType t : values()) {
      if (t.label.equals(label)) {
        return t;
      }
    }
    throw new IllegalArgumentException("Unknown period type '" + label + "'");
  }
}
