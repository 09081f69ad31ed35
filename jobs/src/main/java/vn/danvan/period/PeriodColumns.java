package vn.danvan.period;

import static org.apache.spark.sql.functions.add_months;
import static org.apache.spark.sql.functions.array;
import static org.apache.spark.sql.functions.col;
import static org.apache.spark.sql.functions.dayofmonth;
import static org.apache.spark.sql.functions.explode;
import static org.apache.spark.sql.functions.format_string;
import static org.apache.spark.sql.functions.lit;
import static org.apache.spark.sql.functions.month;
import static org.apache.spark.sql.functions.quarter;
import static org.apache.spark.sql.functions.struct;
import static org.apache.spark.sql.functions.trunc;
import static org.apache.spark.sql.functions.when;
import static org.apache.spark.sql.functions.year;

import java.util.ArrayList;
import java.util.List;
import org.apache.spark.sql.Column;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;

/**
 * Places rows in every period their date falls in, natively: month, quarter, half, January to
 * September, year, and the configured phases, under the calendar or the reporting regime.
 */
public final class PeriodColumns {

  public static final String PERIOD_TYPE = "period_type";
  public static final String PERIOD_KEY = "period_key";

  private PeriodColumns() {}

  /**
   * One row per period {@code dateColumn} falls in, with {@link #PERIOD_TYPE} and {@link
   * #PERIOD_KEY} added (the input's own {@code period_key}, if any, is replaced).
   */
  public static Dataset<Row> withPeriods(
      Dataset<Row> rows, String dateColumn, PeriodScheme scheme, List<Period> phases) {
    Column date = col(dateColumn);
    Column anchor =
        scheme == PeriodScheme.REGIME
            ? when(dayofmonth(date).geq(15), add_months(trunc(date, "MM"), 1)).otherwise(date)
            : date;
    Column y = year(anchor);
    Column m = month(anchor);
    List<Column> periods = new ArrayList<>();
    periods.add(period(PeriodType.MONTH, format_string("%d-M%02d", y, m)));
    periods.add(period(PeriodType.QUARTER, format_string("%d-Q%d", y, quarter(anchor))));
    periods.add(
        period(PeriodType.HALF, format_string("%d-H%d", y, when(m.leq(6), 1).otherwise(2))));
    periods.add(period(PeriodType.YTD9, when(m.leq(9), format_string("%d-9M", y))));
    periods.add(period(PeriodType.YEAR, y.cast("string")));
    for (Period phase : phases) {
      int from = phase.calendarStart().getYear();
      int to = phase.calendarEnd().getYear();
      periods.add(period(PeriodType.PHASE, when(y.between(from, to), lit(phase.key()))));
    }
    return rows.withColumn("_period", explode(array(periods.toArray(Column[]::new))))
        .filter(col("_period.key").isNotNull())
        .withColumn(PERIOD_TYPE, col("_period.type"))
        .withColumn(PERIOD_KEY, col("_period.key"))
        .drop("_period");
  }

  private static Column period(PeriodType type, Column key) {
    return struct(lit(type.label()).as("type"), key.as("key"));
  }
}
