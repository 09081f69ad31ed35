package vn.danvan.indicators;

import static org.apache.spark.sql.functions.broadcast;
import static org.apache.spark.sql.functions.call_function;
import static org.apache.spark.sql.functions.coalesce;
import static org.apache.spark.sql.functions.col;
import static org.apache.spark.sql.functions.lit;
import static org.apache.spark.sql.functions.round;
import static org.apache.spark.sql.functions.when;

import java.util.ArrayList;
import java.util.List;
import org.apache.spark.sql.Column;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.RowFactory;
import org.apache.spark.sql.SparkSession;
import org.apache.spark.sql.types.DataTypes;
import org.apache.spark.sql.types.StructType;
import vn.danvan.period.PeriodCalendar;
import vn.danvan.period.PeriodColumns;

/**
 * Turns summed figures into published values: the value, its interval, the target that holds for
 * the unit level and period, and the status against it.
 */
public final class IndicatorValues {

  public static final String VALUE = "value";
  public static final String CI_LOW = "ci_low";
  public static final String CI_HIGH = "ci_high";
  public static final String TARGET = "target";
  public static final String STATUS = "status";

  /** The schema of {@code gold.indicator_values}. */
  public static final StructType SCHEMA =
      DataTypes.createStructType(
          List.of(
              DataTypes.createStructField(
                  IndicatorEngine.INDICATOR_ID, DataTypes.StringType, false),
              DataTypes.createStructField(IndicatorEngine.BASIS, DataTypes.StringType, false),
              DataTypes.createStructField(IndicatorEngine.UNIT_CODE, DataTypes.StringType, false),
              DataTypes.createStructField("unit_name", DataTypes.StringType, true),
              DataTypes.createStructField(IndicatorEngine.UNIT_LEVEL, DataTypes.StringType, false),
              DataTypes.createStructField(IndicatorEngine.PARENT_CODE, DataTypes.StringType, true),
              DataTypes.createStructField(IndicatorEngine.PROVINCE, DataTypes.StringType, true),
              DataTypes.createStructField(PeriodColumns.PERIOD_TYPE, DataTypes.StringType, false),
              DataTypes.createStructField(PeriodColumns.PERIOD_KEY, DataTypes.StringType, false),
              DataTypes.createStructField(PeriodCalendar.PERIOD_START, DataTypes.DateType, false),
              DataTypes.createStructField(PeriodCalendar.PERIOD_END, DataTypes.DateType, false),
              DataTypes.createStructField(IndicatorEngine.NUMERATOR, DataTypes.DoubleType, true),
              DataTypes.createStructField(IndicatorEngine.DENOMINATOR, DataTypes.DoubleType, true),
              DataTypes.createStructField(VALUE, DataTypes.DoubleType, true),
              DataTypes.createStructField(CI_LOW, DataTypes.DoubleType, true),
              DataTypes.createStructField(CI_HIGH, DataTypes.DoubleType, true),
              DataTypes.createStructField(TARGET, DataTypes.DoubleType, true),
              DataTypes.createStructField(STATUS, DataTypes.StringType, true)));

  private static final StructType CATALOGUE =
      DataTypes.createStructType(
          List.of(
              DataTypes.createStructField("_id", DataTypes.StringType, false),
              DataTypes.createStructField("_factor", DataTypes.DoubleType, false),
              DataTypes.createStructField("_interval", DataTypes.StringType, false),
              DataTypes.createStructField("_comparator", DataTypes.StringType, false),
              DataTypes.createStructField("_default_target", DataTypes.DoubleType, true),
              DataTypes.createStructField("_min_denominator", DataTypes.DoubleType, false)));

  private IndicatorValues() {}

  /** The catalogue's numbers as a small frame to join on. */
  public static Dataset<Row> catalogueFrame(
      SparkSession spark, List<IndicatorDefinition> definitions, int minDenominator) {
    List<Row> rows = new ArrayList<>();
    for (IndicatorDefinition d : definitions) {
      rows.add(
          RowFactory.create(
              d.id(),
              d.factor(),
              d.interval(),
              d.higherIsBetter() ? ">=" : "<=",
              d.defaultTarget(),
              d.minDenominator() == null ? (double) minDenominator : d.minDenominator()));
    }
    return spark.createDataFrame(rows, CATALOGUE);
  }

  /**
   * {@code figures} with value, interval, target and status; {@code targets} is {@code ref.targets}
   * (indicator_id, unit_level, period_type, comparator, target, valid_from, valid_to).
   */
  public static Dataset<Row> withValues(
      Dataset<Row> figures, Dataset<Row> catalogue, Dataset<Row> targets) {
    // Tidied once, in a projection of their own: the expressions below name them a dozen times,
    // and each naming of an expression would round again.
    Column n = col(IndicatorEngine.NUMERATOR);
    Column d = col(IndicatorEngine.DENOMINATOR);
    Column factor = col("_factor");
    Column value = when(d.isNull(), factor.multiply(n)).when(d.gt(0), factor.multiply(n).divide(d));
    Column wilson = col("_interval").equalTo("wilson");
    Column poisson = col("_interval").equalTo("poisson").and(d.gt(0));
    Dataset<Row> valued =
        figures
            .join(broadcast(catalogue), col(IndicatorEngine.INDICATOR_ID).equalTo(col("_id")))
            .withColumn(IndicatorEngine.NUMERATOR, IndicatorEngine.tidy(n))
            .withColumn(IndicatorEngine.DENOMINATOR, IndicatorEngine.tidy(d))
            .withColumn(VALUE, value)
            .filter(col(VALUE).isNotNull())
            .withColumn(
                CI_LOW,
                when(wilson, factor.multiply(Intervals.wilsonLow(n, d, Intervals.Z95)))
                    .when(poisson, factor.multiply(call_function("poisson_low", n)).divide(d)))
            .withColumn(
                CI_HIGH,
                when(wilson, factor.multiply(Intervals.wilsonHigh(n, d, Intervals.Z95)))
                    .when(poisson, factor.multiply(call_function("poisson_high", n)).divide(d)))
            .withColumn(CI_LOW, round(col(CI_LOW), 10))
            .withColumn(CI_HIGH, round(col(CI_HIGH), 10));
    return withTargets(valued, targets);
  }

  private static Dataset<Row> withTargets(Dataset<Row> valued, Dataset<Row> targets) {
    Dataset<Row> t =
        targets.select(
            col("indicator_id").as("_t_indicator"),
            col("unit_level").as("_t_level"),
            col("period_type").as("_t_period_type"),
            col("comparator").as("_t_comparator"),
            col("target").as("_t_target"),
            col("valid_from").as("_t_from"),
            col("valid_to").as("_t_to"));
    Column matches =
        col(IndicatorEngine.INDICATOR_ID)
            .equalTo(col("_t_indicator"))
            .and(col(IndicatorEngine.UNIT_LEVEL).equalTo(col("_t_level")))
            .and(col(PeriodColumns.PERIOD_TYPE).equalTo(col("_t_period_type")))
            .and(
                col(PeriodCalendar.PERIOD_END)
                    .geq(coalesce(col("_t_from"), lit("1900-01-01").cast("date"))))
            .and(
                col(PeriodCalendar.PERIOD_END)
                    .leq(coalesce(col("_t_to"), lit("9999-12-31").cast("date"))));
    Column target = coalesce(col("_t_target"), col("_default_target"));
    Column comparator = coalesce(col("_t_comparator"), col("_comparator"));
    Column value = col(VALUE);
    Column status =
        when(
                col(IndicatorEngine.DENOMINATOR)
                    .isNotNull()
                    .and(col(IndicatorEngine.DENOMINATOR).lt(col("_min_denominator"))),
                lit("insufficient_data"))
            .when(target.isNull().or(value.isNull()), lit(null).cast("string"))
            .when(
                comparator
                    .equalTo(">=")
                    .and(value.geq(target))
                    .or(comparator.equalTo("<=").and(value.leq(target))),
                lit("met"))
            .otherwise(lit("not_met"));
    // targets.csv is checked to have no overlapping validity for one indicator, level and
    // period type (IndicatorComputation.checkTargets): at most one target row matches.
    return valued
        .join(broadcast(t), matches, "left")
        .withColumn(TARGET, target)
        .withColumn(STATUS, status)
        .withColumn(VALUE, round(value, 10))
        .select(
            col(IndicatorEngine.INDICATOR_ID),
            col(IndicatorEngine.BASIS),
            col(IndicatorEngine.UNIT_CODE),
            col("unit_name"),
            col(IndicatorEngine.UNIT_LEVEL),
            col(IndicatorEngine.PARENT_CODE),
            col(IndicatorEngine.PROVINCE),
            col(PeriodColumns.PERIOD_TYPE),
            col(PeriodColumns.PERIOD_KEY),
            col(PeriodCalendar.PERIOD_START),
            col(PeriodCalendar.PERIOD_END),
            col(IndicatorEngine.NUMERATOR),
            col(IndicatorEngine.DENOMINATOR),
            col(VALUE),
            col(CI_LOW),
            col(CI_HIGH),
            col(TARGET),
            col(STATUS));
  }
}
