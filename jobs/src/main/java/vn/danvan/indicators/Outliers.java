package vn.danvan.indicators;

import static org.apache.spark.sql.functions.abs;
import static org.apache.spark.sql.functions.broadcast;
import static org.apache.spark.sql.functions.col;
import static org.apache.spark.sql.functions.count;
import static org.apache.spark.sql.functions.expr;
import static org.apache.spark.sql.functions.lit;
import static org.apache.spark.sql.functions.percentile;
import static org.apache.spark.sql.functions.when;

import java.util.List;
import org.apache.spark.sql.Column;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
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
    Column[] keys = peers.stream().map(org.apache.spark.sql.functions::col).toArray(Column[]::new);
    Dataset<Row> medians =
        comparable
            .groupBy(keys)
            .agg(
                percentile(col(IndicatorValues.VALUE), lit(0.5)).as("_median"),
                count(lit(1)).as("_n"));
    Dataset<Row> withMedian =
        comparable.join(medians, vn.danvan.warehouse.SparkSessions.seq(peers));
    Dataset<Row> mads =
        withMedian
            .groupBy(keys)
            .agg(
                percentile(abs(col(IndicatorValues.VALUE).minus(col("_median"))), lit(0.5))
                    .as("_mad"));
    Column z =
        lit(CONSISTENCY)
            .multiply(col(IndicatorValues.VALUE).minus(col("_median")))
            .divide(col("_mad"));
    Dataset<Row> spread =
        withMedian
            .join(mads, vn.danvan.warehouse.SparkSessions.seq(peers))
            .filter(col("_n").geq(minUnits).and(col("_mad").gt(0)))
            .withColumn("score", z)
            .filter(abs(col("score")).gt(zThreshold))
            .select(
                common(
                    lit("modified_z"),
                    col("score"),
                    lit(zThreshold),
                    col("_median").as("reference_value")));
    Dataset<Row> years = comparable.filter(col(PeriodColumns.PERIOD_TYPE).equalTo("year"));
    Dataset<Row> before =
        years.select(
            col(IndicatorEngine.INDICATOR_ID).as("_b_id"),
            col(IndicatorEngine.BASIS).as("_b_basis"),
            col(IndicatorEngine.UNIT_CODE).as("_b_code"),
            col(PeriodColumns.PERIOD_KEY).cast("int").as("_b_year"),
            col(IndicatorValues.VALUE).as("_b_value"));
    Column year = col(PeriodColumns.PERIOD_KEY).cast("int");
    Dataset<Row> consistency =
        years
            .join(
                before,
                col(IndicatorEngine.INDICATOR_ID)
                    .equalTo(col("_b_id"))
                    .and(col(IndicatorEngine.BASIS).equalTo(col("_b_basis")))
                    .and(col(IndicatorEngine.UNIT_CODE).equalTo(col("_b_code")))
                    .and(col("_b_year").between(year.minus(3), year.minus(1))))
            .groupBy(
                years.columns()[0],
                java.util.Arrays.copyOfRange(years.columns(), 1, years.columns().length))
            // The three years summed in ascending order, not in the order rows arrive: a mean
            // that differs in its last bit between runs (or between a cluster and a laptop) can
            // put a ratio of exactly the threshold on either side of it.
            .agg(
                expr("aggregate(array_sort(collect_list(_b_value)), 0D, (s, v) -> s + v)")
                    .divide(count(lit(1)))
                    .as("_mean3"),
                count(lit(1)).as("_years"))
            .filter(col("_years").equalTo(3).and(col("_mean3").gt(0)))
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
