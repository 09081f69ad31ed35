package vn.danvan.ingest;

import java.io.Serializable;
import java.util.Locale;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import vn.danvan.period.Period;
import vn.danvan.schema.RecordKinds;

/**
 * A landing file named as DESIGN.md §3.3 says: {@code <kind>/<reporting
 * unit>/<period>[-anything].csv} or {@code .xlsx}, relative to the landing root. A submission is
 * (kind, reporting unit, period).
 *
 * @param path path relative to the landing root, with forward slashes
 * @param kind the record kind (the first folder)
 * @param reportingUnit the code of the unit that submitted it (the second folder)
 * @param periodKey the period it reports on
 * @param format {@code csv} or {@code xlsx}
 */
public record LandingFile(
    String path, String kind, String reportingUnit, String periodKey, String format)
    implements Serializable {

  private static final Pattern NAME =
      Pattern.compile(
          "(\\d{4}(?:-(?:M(?:0[1-9]|1[0-2])|Q[1-4]|H[12]|9M))?)(?:[-_ .].*)?\\.(csv|xlsx)",
          Pattern.CASE_INSENSITIVE);
  private static final Pattern UNIT_CODE = Pattern.compile("[A-Za-z0-9][A-Za-z0-9_.-]{0,31}");
  private static final Pattern CONTROL = Pattern.compile("\\p{Cntrl}");

  /** The identity a later file for the same submission shares: {@code kind/unit/period}. */
  public String submissionId() {
    return kind + "/" + reportingUnit + "/" + periodKey;
  }

  /**
   * Reads the landing layout from {@code path}; the exception says what is wrong with the name so
   * the file can be recorded as rejected.
   */
  public static LandingFile parse(String path) {
    if (CONTROL.matcher(path).find()) {
      throw new IllegalArgumentException("the path contains control characters");
    }
    if (path.startsWith("/") || path.contains("\\") || path.matches(".*(^|/)\\.\\.(/|$).*")) {
      throw new IllegalArgumentException("the path must be relative and must not contain '..'");
    }
    String[] parts = path.split("/");
    if (parts.length != 3) {
      throw new IllegalArgumentException("expected <kind>/<unit code>/<file>, found " + path);
    }
    String kind = parts[0];
    if (RecordKinds.find(kind).isEmpty()) {
      throw new IllegalArgumentException(
          "'" + kind + "' is not a record kind (" + String.join(", ", RecordKinds.names()) + ")");
    }
    if (!UNIT_CODE.matcher(parts[1]).matches()) {
      throw new IllegalArgumentException("'" + parts[1] + "' is not a unit code");
    }
    Matcher m = NAME.matcher(parts[2]);
    if (!m.matches() || Period.parse(m.group(1)).isEmpty()) {
      throw new IllegalArgumentException(
          "'" + parts[2] + "' does not start with a period key such as 2021-Q1 or 2021");
    }
    return new LandingFile(
        path,
        kind,
        parts[1],
        m.group(1).toUpperCase(Locale.ROOT),
        m.group(2).toLowerCase(Locale.ROOT));
  }
}
