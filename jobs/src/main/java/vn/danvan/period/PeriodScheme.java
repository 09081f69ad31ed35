package vn.danvan.period;

import java.time.LocalDate;

/**
 * Where period windows are cut: calendar months, or the state reporting regime of NĐ 09/2019/NĐ-CP
 * art. 12, whose month runs from the 15th of the month before to the 14th.
 */
public enum PeriodScheme {
  CALENDAR,
  REGIME;

  /**
   * The calendar date whose calendar period is {@code date}'s period under this scheme: under the
   * regime a date on or after the 15th belongs to the next month's window.
   */
  public LocalDate anchor(LocalDate date) {
    if (this == REGIME && date.getDayOfMonth() >= 15) {
      return date.withDayOfMonth(1).plusMonths(1);
    }
    return date;
  }

  /** The first day of a window whose calendar version starts on {@code calendarStart}. */
  public LocalDate start(LocalDate calendarStart) {
    return this == REGIME ? calendarStart.minusMonths(1).withDayOfMonth(15) : calendarStart;
  }

  /** The last day of a window whose calendar version ends on {@code calendarEnd}. */
  public LocalDate end(LocalDate calendarEnd) {
    return this == REGIME ? calendarEnd.withDayOfMonth(14) : calendarEnd;
  }
}
