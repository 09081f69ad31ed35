package vn.danvan.period;

import java.sql.Date;
import java.util.ArrayList;
import java.util.List;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.RowFactory;
import org.apache.spark.sql.SparkSession;
import org.apache.spark.sql.types.DataTypes;
import org.apache.spark.sql.types.StructType;

/** Every period of every type from a first to a last year, with its window under a scheme. */
public final class PeriodCalendar {

  public static final String PERIOD_START = "period_start";
  public static final String PERIOD_END = "period_end";

  public static final StructType SCHEMA =
      DataTypes.createStructType(
          List.of(
              DataTypes.createStructField(PeriodColumns.PERIOD_TYPE, DataTypes.StringType, false),
              DataTypes.createStructField(PeriodColumns.PERIOD_KEY, DataTypes.StringType, false),
              DataTypes.createStructField(PERIOD_START, DataTypes.DateType, false),
              DataTypes.createStructField(PERIOD_END, DataTypes.DateType, false)));

  private PeriodCalendar() {}

  /** The months, quarters, halves, nine-month and full years of {@code first..last}, and phases. */
  public static List<Period> periods(int first, int last, List<Period> phases) {
    List<Period> periods = new ArrayList<>();
    for (int y = first; y <= last; y++) {
      for (int m = 1; m <= 12; m++) {
        periods.add(Period.month(y, m));
      }
      for (int q = 1; q <= 4; q++) {
        periods.add(Period.quarter(y, q));
      }
      periods.add(Period.half(y, 1));
      periods.add(Period.half(y, 2));
      periods.add(Period.ytd9(y));
      periods.add(Period.year(y));
    }
    periods.addAll(phases);
    return periods;
  }

  /** {@code periods} as a frame of type, key and window under {@code scheme}. */
  public static Dataset<Row> frame(SparkSession spark, List<Period> periods, PeriodScheme scheme) {
    List<Row> rows = new ArrayList<>();
    for (Period p : periods) {
      rows.add(
          RowFactory.create(
              p.type().label(),
              p.key(),
              Date.valueOf(p.start(scheme)),
              Date.valueOf(p.end(scheme))));
    }
    return spark.createDataFrame(rows, SCHEMA);
  }
}
