package vn.danvan.indicators;

import java.util.Collection;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;
import vn.danvan.period.Period;
import vn.danvan.period.PeriodType;

/**
 * Which rows of {@code gold.league} and {@code gold.outliers} an incremental run rewrites, and
 * which rows of {@code gold.indicator_values} it reads to do so. A league row of a period depends
 * on the values of that period (ranks, the province's value), of the period before it and of the
 * same period a year earlier; a year's outlier test on the three years before it. So when the
 * values of some periods change, the rows of those periods change, and the rows of every period
 * that looks back at them.
 *
 * @param periods the period keys whose derived rows are rewritten
 * @param inputs the period keys whose values those rows are computed from
 */
public record DerivedScope(Set<String> periods, Set<String> inputs) {

  /** How many years back a year's outlier test looks ({@link Outliers}: the mean of three). */
  static final int YEARS_LOOKED_BACK = 3;

  /**
   * The scope when the values of {@code changed} period keys were rewritten, over the periods of
   * {@code calendar}.
   */
  public static DerivedScope of(List<Period> calendar, Collection<String> changed) {
    Set<String> periods = new TreeSet<>(changed);
    for (Period p : calendar) {
      if (changed.contains(p.previous().key())
          || changed.contains(p.yearEarlier().key())
          || lookedBackYears(p).stream().anyMatch(changed::contains)) {
        periods.add(p.key());
      }
    }
    Set<String> inputs = new TreeSet<>(periods);
    for (String key : periods) {
      Period p = Period.of(key);
      inputs.add(p.previous().key());
      inputs.add(p.yearEarlier().key());
      inputs.addAll(lookedBackYears(p));
    }
    return new DerivedScope(periods, inputs);
  }

  private static List<String> lookedBackYears(Period p) {
    if (p.type() != PeriodType.YEAR) {
      return List.of();
    }
    int year = p.calendarStart().getYear();
    return java.util.stream.IntStream.rangeClosed(1, YEARS_LOOKED_BACK)
        .mapToObj(k -> Period.year(year - k).key())
        .toList();
  }
}
