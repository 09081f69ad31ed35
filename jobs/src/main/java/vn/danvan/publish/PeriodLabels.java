package vn.danvan.publish;

import vn.danvan.period.Period;

/** Periods as a report names them: "Quý II/2026", "6 tháng đầu năm 2025", "Năm 2024". */
final class PeriodLabels {

  private static final String[] ROMAN = {"I", "II", "III", "IV"};

  private PeriodLabels() {}

  /** A label short enough for a small chart: "III/25", "3/25", "2025". */
  static String shortOf(Period p) {
    int year = p.calendarStart().getYear() % 100;
    int month = p.calendarStart().getMonthValue();
    return switch (p.type()) {
      case MONTH -> month + "/" + String.format("%02d", year);
      case QUARTER -> ROMAN[(month + 2) / 3 - 1] + "/" + String.format("%02d", year);
      case HALF -> (month == 1 ? "H1/" : "H2/") + String.format("%02d", year);
      case YTD9 -> "9M/" + String.format("%02d", year);
      case YEAR -> Integer.toString(p.calendarStart().getYear());
      case PHASE -> p.key();
    };
  }

  static String of(Period p, Labels labels) {
    int year = p.calendarStart().getYear();
    int month = p.calendarStart().getMonthValue();
    return switch (p.type()) {
      case MONTH -> labels.text("period.month", "n", month, "year", year);
      case QUARTER -> {
        int q = (month + 2) / 3;
        yield labels.text("period.quarter", "roman", ROMAN[q - 1], "n", q, "year", year);
      }
      case HALF -> labels.text(month == 1 ? "period.half.1" : "period.half.2", "year", year);
      case YTD9 -> labels.text("period.ytd9", "year", year);
      case YEAR -> labels.text("period.year", "year", year);
      case PHASE -> labels.text("period.phase", "from", year, "to", p.calendarEnd().getYear());
    };
  }
}
