package vn.danvan.period;

import java.io.Serializable;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * One reporting window: {@code 2021-M03}, {@code 2021-Q1}, {@code 2021-H1}, {@code 2021-9M}
 * (January to September, year to date), {@code 2021}, or a phase {@code 2018..2020}.
 *
 * @param type the kind of window
 * @param key the period key as written in tables and file names
 * @param calendarStart first day under calendar windows
 * @param calendarEnd last day under calendar windows
 */
public record Period(PeriodType type, String key, LocalDate calendarStart, LocalDate calendarEnd)
    implements Serializable {

  private static final Pattern KEY =
      Pattern.compile(
          "(\\d{4})(?:-(?:M(0[1-9]|1[0-2])|Q([1-4])|H([12])|(9M)))?|(\\d{4})\\.\\.(\\d{4})");

  /** The period written {@code key}, if it is a period key. */
  public static Optional<Period> parse(String key) {
    Matcher m = KEY.matcher(key == null ? "" : key.strip());
    if (!m.matches()) {
      return Optional.empty();
    }
    if (m.group(6) != null) {
      int from = Integer.parseInt(m.group(6));
      int to = Integer.parseInt(m.group(7));
      return from <= to ? Optional.of(phase(from, to)) : Optional.empty();
    }
    int year = Integer.parseInt(m.group(1));
    if (m.group(2) != null) {
      return Optional.of(month(year, Integer.parseInt(m.group(2))));
    }
    if (m.group(3) != null) {
      return Optional.of(quarter(year, Integer.parseInt(m.group(3))));
    }
    if (m.group(4) != null) {
      return Optional.of(half(year, Integer.parseInt(m.group(4))));
    }
    if (m.group(5) != null) {
      return Optional.of(ytd9(year));
    }
    return Optional.of(year(year));
  }

  /** The period written {@code key}; fails when it is not a period key. */
  public static Period of(String key) {
    return parse(key)
        .orElseThrow(
            () ->
                new IllegalArgumentException(
                    "'"
                        + key
                        + "' is not a period key (2021-M03, 2021-Q1, 2021-H1, 2021-9M, 2021,"
                        + " 2018..2020)"));
  }

  /** The month {@code month} of {@code year}. */
  public static Period month(int year, int month) {
    LocalDate start = LocalDate.of(year, month, 1);
    return new Period(
        PeriodType.MONTH,
        String.format("%d-M%02d", year, month),
        start,
        start.plusMonths(1).minusDays(1));
  }

  /** Quarter {@code q} of {@code year}. */
  public static Period quarter(int year, int q) {
    LocalDate start = LocalDate.of(year, 3 * q - 2, 1);
    return new Period(PeriodType.QUARTER, year + "-Q" + q, start, start.plusMonths(3).minusDays(1));
  }

  /** Half {@code h} of {@code year}. */
  public static Period half(int year, int h) {
    LocalDate start = LocalDate.of(year, 6 * h - 5, 1);
    return new Period(PeriodType.HALF, year + "-H" + h, start, start.plusMonths(6).minusDays(1));
  }

  /** January to September of {@code year}. */
  public static Period ytd9(int year) {
    return new Period(
        PeriodType.YTD9, year + "-9M", LocalDate.of(year, 1, 1), LocalDate.of(year, 9, 30));
  }

  /** The year {@code year}. */
  public static Period year(int year) {
    return new Period(
        PeriodType.YEAR,
        Integer.toString(year),
        LocalDate.of(year, 1, 1),
        LocalDate.of(year, 12, 31));
  }

  /** The years {@code from} to {@code to}, both included. */
  public static Period phase(int from, int to) {
    return new Period(
        PeriodType.PHASE, from + ".." + to, LocalDate.of(from, 1, 1), LocalDate.of(to, 12, 31));
  }

  /** First day of this window under {@code scheme}. */
  public LocalDate start(PeriodScheme scheme) {
    return scheme.start(calendarStart);
  }

  /** Last day of this window under {@code scheme}. */
  public LocalDate end(PeriodScheme scheme) {
    return scheme.end(calendarEnd);
  }

  /** True when {@code date} falls in this window under {@code scheme}. */
  public boolean contains(LocalDate date, PeriodScheme scheme) {
    return !date.isBefore(start(scheme)) && !date.isAfter(end(scheme));
  }

  /** The window of the same type just before this one (for phases: the phase of equal length). */
  public Period previous() {
    int year = calendarStart.getYear();
    return switch (type) {
      case MONTH ->
          month(
              calendarStart.minusMonths(1).getYear(), calendarStart.minusMonths(1).getMonthValue());
      case QUARTER -> {
        LocalDate s = calendarStart.minusMonths(3);
        yield quarter(s.getYear(), (s.getMonthValue() + 2) / 3);
      }
      case HALF -> {
        LocalDate s = calendarStart.minusMonths(6);
        yield half(s.getYear(), (s.getMonthValue() + 5) / 6);
      }
      case YTD9 -> ytd9(year - 1);
      case YEAR -> year(year - 1);
      case PHASE -> {
        int length = calendarEnd.getYear() - year + 1;
        yield phase(year - length, year - 1);
      }
    };
  }

  /** The same window one year earlier. */
  public Period yearEarlier() {
    return Period.of(shiftYears(-1));
  }

  private String shiftYears(int years) {
    if (type == PeriodType.PHASE) {
      return (calendarStart.getYear() + years) + ".." + (calendarEnd.getYear() + years);
    }
    return (calendarStart.getYear() + years) + key.substring(4);
  }

  /** This period and every longer one that contains it: the half, nine months, year and phases. */
  public List<Period> andContaining(List<Period> phases) {
    List<Period> result = new ArrayList<>();
    for (Period p : containing(calendarStart)) {
      if (!p.calendarStart.isAfter(calendarStart) && !p.calendarEnd.isBefore(calendarEnd)) {
        result.add(p);
      }
    }
    for (Period phase : phases) {
      if (!phase.calendarStart.isAfter(calendarStart) && !phase.calendarEnd.isBefore(calendarEnd)) {
        result.add(phase);
      }
    }
    return result;
  }

  /**
   * The periods of every type except phases that contain {@code anchor} (a calendar-scheme anchor).
   */
  public static List<Period> containing(LocalDate anchor) {
    int year = anchor.getYear();
    int month = anchor.getMonthValue();
    List<Period> periods = new ArrayList<>();
    periods.add(month(year, month));
    periods.add(quarter(year, (month + 2) / 3));
    periods.add(half(year, (month + 5) / 6));
    if (month <= 9) {
      periods.add(ytd9(year));
    }
    periods.add(year(year));
    return periods;
  }
}
