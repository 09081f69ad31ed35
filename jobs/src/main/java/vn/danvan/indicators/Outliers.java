package vn.danvan.indicators;

import static org.apache.spark.sql.functions.abs;
import static org.apache.spark.sql.functions.broadcast;
import static org.apache.spark.sql.functions.col;
import static org.apache.spark.sql.functions.collect_list;
import static org.apache.spark.sql.functions.count;
import static org.apache.spark.sql.functions.expr;
import static org.apache.spark.sql.functions.lit;
import static org.apache.spark.sql.functions.percentile;
import static org.apache.spark.sql.functions.size;
import static org.apache.spark.sql.functions.when;

import java.util.List;
import org.apache.spark.sql.Column;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.expressions.Window;
import org.apache.spark.sql.expressions.WindowSpec;
import vn.danvan.period.PeriodColumns;

/**
 * {@code gold.outliers}: values to look at before a conference. A unit whose value lies far from
 * its peers' (modified z-score 0.6745·(x − median)/MAD beyond a threshold, among enough comparable
 * units with enough data), and a year whose value is far from the mean of the three years before.
 */
public final class Outliers {

  private static final double CONSISTENCY = 0.6745;

  private Outliers() {}

  /** Outlier rows of {@code values} (gold.indicator_values) with the given thresholds. */
  public static Dataset<Row> of(
      Dataset<Row> values,
      Dataset<Row> catalogue,
      double zThreshold,
      int minUnits,
      int minCount,
      double yoyHigh,
      double yoyLow) {
    Dataset<Row> comparable =
        values
            .filter(col(IndicatorEngine.UNIT_LEVEL).isin("commune", "district"))
            .join(broadcast(catalogue), col(IndicatorEngine.INDICATOR_ID).equalTo(col("_id")))
            .filter(
                col(IndicatorEngine.DENOMINATOR)
                    .isNull()
                    .or(col(IndicatorEngine.DENOMINATOR).geq(col("_min_denominator"))));
    List<String> peers =
        List.of(
            IndicatorEngine.INDICATOR_ID,
            IndicatorEngine.BASIS,
            IndicatorEngine.UNIT_LEVEL,
            IndicatorEngine.PROVINCE,
            PeriodColumns.PERIOD_TYPE,
            PeriodColumns.PERIOD_KEY);
    WindowSpec group =
        Window.partitionBy(
            peers.stream().map(org.apache.spark.sql.functions::col).toArray(Column[]::new));
    Column z =
        lit(CONSISTENCY)
            .multiply(col(IndicatorValues.VALUE).minus(col("_median")))
            .divide(col("_mad"));
    // Median, count and median absolute deviation over each group of peers: windows over one
    // partitioning of the rows, where grouping and joining back cost four shuffles.
    Dataset<Row> spread =
        comparable
            .withColumn("_median", percentile(col(IndicatorValues.VALUE), lit(0.5)).over(group))
            .withColumn("_n", count(lit(1)).over(group))
            .withColumn(
                "_mad",
                percentile(abs(col(IndicatorValues.VALUE).minus(col("_median"))), lit(0.5))
                    .over(group))
            .filter(col("_n").geq(minUnits).and(col("_mad").gt(0)))
            .withColumn("score", z)
            .filter(abs(col("score")).gt(zThreshold))
            .select(
                common(
                    lit("modified_z"),
                    col("score"),
                    lit(zThreshold),
                    col("_median").as("reference_value")));
    // The three years before each year, from the unit's own yearly rows.
    WindowSpec threeBefore =
        Window.partitionBy(
                col(IndicatorEngine.INDICATOR_ID),
                col(IndicatorEngine.BASIS),
                col(IndicatorEngine.UNIT_CODE))
            .orderBy(col("_year"))
            .rangeBetween(-3, -1);
    Dataset<Row> consistency =
        comparable
            .filter(col(PeriodColumns.PERIOD_TYPE).equalTo("year"))
            .withColumn("_year", col(PeriodColumns.PERIOD_KEY).cast("int"))
            .withColumn("_before", collect_list(col(IndicatorValues.VALUE)).over(threeBefore))
            // The three years summed in ascending order, not in the order rows arrive: a mean
            // that differs in its last bit between runs (or between a cluster and a laptop) can
            // put a ratio of exactly the threshold on either side of it.
            .withColumn(
                "_mean3",
                expr("aggregate(array_sort(_before), 0D, (s, v) -> s + v)")
                    .divide(size(col("_before"))))
            .filter(size(col("_before")).equalTo(3).and(col("_mean3").gt(0)))
            // Counts too small to mean anything are left alone, as with the spread test.
            .filter(
                col(IndicatorEngine.DENOMINATOR)
                    .isNotNull()
                    .or(col("_mean3").geq(minCount))
                    .or(col(IndicatorValues.VALUE).geq(minCount)))
            .withColumn("score", col(IndicatorValues.VALUE).divide(col("_mean3")))
            .filter(col("score").gt(yoyHigh).or(col("score").lt(yoyLow)))
            .select(
                common(
                    lit("yoy_ratio"),
                    col("score"),
                    when(col("score").gt(yoyHigh), lit(yoyHigh)).otherwise(lit(yoyLow)),
                    col("_mean3").as("reference_value")));
    return spread.unionByName(consistency);
  }

  private static Column[] common(Column method, Column score, Column threshold, Column reference) {
    return new Column[] {
      col(IndicatorEngine.INDICATOR_ID),
      col(IndicatorEngine.BASIS),
      col(IndicatorEngine.UNIT_LEVEL),
      col(IndicatorEngine.PROVINCE),
      col(PeriodColumns.PERIOD_TYPE),
      col(PeriodColumns.PERIOD_KEY),
      col(IndicatorEngine.UNIT_CODE),
      col(IndicatorEngine.UNIT_NAME),
      col(IndicatorValues.VALUE),
      method.as("method"),
      score.as("score"),
      threshold.cast("double").as("threshold"),
      reference
    };
  }
}
