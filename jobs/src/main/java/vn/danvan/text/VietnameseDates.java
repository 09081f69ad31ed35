package vn.danvan.text;

import java.time.DateTimeException;
import java.time.LocalDate;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Reads dates as districts write them: "05/03/2024" (day first, always), "5-3-2024", "2024-03-05",
 * "ngày 05 tháng 3 năm 2024", and the ISO timestamps Excel date cells become.
 */
public final class VietnameseDates {

  /** Reason code of a cell that is not a date. */
  public static final String NOT_A_DATE = "NOT_A_DATE";

  private static final Pattern DAY_FIRST =
      Pattern.compile("(\\d{1,2})\\s*[/.-]\\s*(\\d{1,2})\\s*[/.-]\\s*(\\d{4})");
  private static final Pattern ISO =
      Pattern.compile(
          "(\\d{4})-(\\d{1,2})-(\\d{1,2})(?:[T ]\\d{2}:\\d{2}(?::\\d{2}(?:\\.\\d+)?)?)?");
  private static final Pattern FORMAL =
      Pattern.compile("(?:ngay\\s+)?(\\d{1,2})\\s+thang\\s+(\\d{1,2})\\s+nam\\s+(\\d{4})");

  private VietnameseDates() {}

  /** Reads {@code cell} as a date. */
  public static Parsed<LocalDate> parse(String cell) {
    if (VietnameseText.isBlank(cell)) {
      return Parsed.blank();
    }
    String s = VietnameseText.clean(cell);
    Matcher m = DAY_FIRST.matcher(s);
    if (m.matches()) {
      return date(m.group(3), m.group(2), m.group(1));
    }
    m = ISO.matcher(s);
    if (m.matches()) {
      return date(m.group(1), m.group(2), m.group(3));
    }
    m = FORMAL.matcher(VietnameseText.key(s));
    if (m.matches()) {
      return date(m.group(3), m.group(2), m.group(1));
    }
    return Parsed.failed(NOT_A_DATE);
  }

  private static Parsed<LocalDate> date(String year, String month, String day) {
    try {
      return Parsed.of(
          LocalDate.of(Integer.parseInt(year), Integer.parseInt(month), Integer.parseInt(day)));
    } catch (DateTimeException e) {
      return Parsed.failed(NOT_A_DATE);
    }
  }
}
