package vn.danvan.reference;

import java.io.Serializable;
import java.time.DayOfWeek;
import java.time.LocalDate;
import java.util.HashSet;
import java.util.Map;
import java.util.Set;
import vn.danvan.text.CsvTable;

/**
 * The working-day calendar of state offices: Monday to Friday, public holidays (Tết included, from
 * {@code holidays.csv}) excepted. Petition deadlines are counted in these days.
 */
public final class WorkingDays implements Serializable {

  private static final long serialVersionUID = 1L;

  private final Set<LocalDate> holidays;

  /** A calendar with {@code holidays} off. */
  public WorkingDays(Set<LocalDate> holidays) {
    this.holidays = Set.copyOf(holidays);
  }

  /** The calendar of {@code holidays.csv} (column {@code date}). */
  public static WorkingDays from(CsvTable table) {
    Set<LocalDate> days = new HashSet<>();
    for (Map<String, String> row : table.rows()) {
      days.add(LocalDate.parse(row.get("date")));
    }
    return new WorkingDays(days);
  }

  /** True when offices work on {@code day}. */
  public boolean isWorkingDay(LocalDate day) {
    DayOfWeek d = day.getDayOfWeek();
    return d != DayOfWeek.SATURDAY && d != DayOfWeek.SUNDAY && !holidays.contains(day);
  }

  /** The day {@code n} working days after {@code start} (the start day itself not counted). */
  public LocalDate deadline(LocalDate start, int n) {
    LocalDate day = start;
    int counted = 0;
    while (counted < n) {
      day = day.plusDays(1);
      if (isWorkingDay(day)) {
        counted++;
      }
    }
    return day;
  }
}
