package vn.danvan.indicators;

import static org.apache.spark.sql.functions.broadcast;
import static org.apache.spark.sql.functions.col;
import static org.apache.spark.sql.functions.count;
import static org.apache.spark.sql.functions.floor;
import static org.apache.spark.sql.functions.lit;
import static org.apache.spark.sql.functions.max;
import static org.apache.spark.sql.functions.pmod;
import static org.apache.spark.sql.functions.rank;
import static org.apache.spark.sql.functions.round;
import static org.apache.spark.sql.functions.when;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.apache.spark.sql.Column;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.RowFactory;
import org.apache.spark.sql.SparkSession;
import org.apache.spark.sql.expressions.Window;
import org.apache.spark.sql.expressions.WindowSpec;
import org.apache.spark.sql.types.DataTypes;
import org.apache.spark.sql.types.StructType;
import vn.danvan.period.Period;
import vn.danvan.period.PeriodColumns;

/**
 * {@code gold.league}: districts — or, where the province has none (after the 2025 reorganisation,
 * and restated onto today's communes), communes — compared within their province for each indicator
 * and period — rank and quartile band (1 is the best quarter, by the indicator's direction), change
 * against the previous period and the same period a year earlier, and whether the unit's interval
 * lies wholly above or below the province's value. Units with too small a denominator are flagged
 * and not ranked.
 */
public final class LeagueTable {

  private static final StructType STEPS =
      DataTypes.createStructType(
          List.of(
              DataTypes.createStructField("_p_type", DataTypes.StringType, false),
              DataTypes.createStructField("_p_key", DataTypes.StringType, false),
              DataTypes.createStructField("_previous_key", DataTypes.StringType, false),
              DataTypes.createStructField("_year_earlier_key", DataTypes.StringType, false),
              DataTypes.createStructField("_p_month", DataTypes.IntegerType, false),
              DataTypes.createStructField("_p_length", DataTypes.IntegerType, false),
              DataTypes.createStructField("_previous_back", DataTypes.IntegerType, false)));

  // A period a year earlier starts twelve months before, whatever its type.
  private static final int YEAR = 12;

  private LeagueTable() {}

  /**
   * Each of {@code periods}, and the periods they look back at, with the one before it and the same
   * one a year earlier, and where they lie: the month the period starts in (months since year 0),
   * its length in months and how many months before it the previous one starts.
   */
  public static Dataset<Row> steps(SparkSession spark, List<Period> periods) {
    // The periods looked back at are placed too: their rows are the history the window reads.
    Map<String, Period> placed = new LinkedHashMap<>();
    for (Period p : periods) {
      placed.putIfAbsent(p.key(), p);
      placed.putIfAbsent(p.previous().key(), p.previous());
      placed.putIfAbsent(p.yearEarlier().key(), p.yearEarlier());
    }
    List<Row> rows = new ArrayList<>();
    for (Period p : placed.values()) {
      rows.add(
          RowFactory.create(
              p.type().label(),
              p.key(),
              p.previous().key(),
              p.yearEarlier().key(),
              month(p.calendarStart()),
              month(p.calendarEnd().plusDays(1)) - month(p.calendarStart()),
              month(p.calendarStart()) - month(p.previous().calendarStart())));
    }
    return spark.createDataFrame(rows, STEPS);
  }

  private static int month(java.time.LocalDate day) {
    return day.getYear() * 12 + day.getMonthValue() - 1;
  }

  /** The league rows of {@code values} (gold.indicator_values), units below the province. */
  public static Dataset<Row> of(Dataset<Row> values, Dataset<Row> catalogue, Dataset<Row> steps) {
    List<String> peers =
        List.of(
            IndicatorEngine.INDICATOR_ID,
            IndicatorEngine.BASIS,
            IndicatorEngine.UNIT_LEVEL,
            IndicatorEngine.PROVINCE,
            PeriodColumns.PERIOD_TYPE,
            PeriodColumns.PERIOD_KEY);
    Dataset<Row> province =
        values
            .filter(col(IndicatorEngine.UNIT_LEVEL).equalTo("province"))
            .select(
                col(IndicatorEngine.INDICATOR_ID).as("_pv_id"),
                col(IndicatorEngine.BASIS).as("_pv_basis"),
                col(IndicatorEngine.UNIT_CODE).as("_pv_code"),
                col(PeriodColumns.PERIOD_KEY).as("_pv_key"),
                col(IndicatorValues.VALUE).as("province_value"));
    Dataset<Row> units =
        values
            .filter(col(IndicatorEngine.UNIT_LEVEL).isin("commune", "district"))
            .join(
                broadcast(districtPeriods(values)),
                col(IndicatorEngine.BASIS)
                    .equalTo(col("_dp_basis"))
                    .and(col(IndicatorEngine.PROVINCE).equalTo(col("_dp_province")))
                    .and(col(PeriodColumns.PERIOD_KEY).equalTo(col("_dp_key"))),
                "left")
            .filter(
                col(IndicatorEngine.UNIT_LEVEL).equalTo("district").or(col("_dp_basis").isNull()))
            .join(broadcast(catalogue), col(IndicatorEngine.INDICATOR_ID).equalTo(col("_id")))
            // Province values are few (one per province, indicator, basis and period: 212 k at
            // 10 M records): broadcast, the units' rows are not shuffled to meet them.
            .join(
                broadcast(province),
                col(IndicatorEngine.INDICATOR_ID)
                    .equalTo(col("_pv_id"))
                    .and(col(IndicatorEngine.BASIS).equalTo(col("_pv_basis")))
                    .and(col(IndicatorEngine.PROVINCE).equalTo(col("_pv_code")))
                    .and(col(PeriodColumns.PERIOD_KEY).equalTo(col("_pv_key"))),
                "left")
            .join(
                broadcast(steps),
                col(PeriodColumns.PERIOD_TYPE)
                    .equalTo(col("_p_type"))
                    .and(col(PeriodColumns.PERIOD_KEY).equalTo(col("_p_key"))),
                "left");
    // Both windows below partition by keys that include these: one shuffle of the rows serves
    // the history window and the ranking (each keyed by its own columns, they took two).
    Dataset<Row> withHistory =
        withHistory(
            units.repartition(
                col(IndicatorEngine.INDICATOR_ID),
                col(IndicatorEngine.BASIS),
                col(PeriodColumns.PERIOD_TYPE)),
            steps);
    Column small =
        col(IndicatorEngine.DENOMINATOR)
            .isNotNull()
            .and(col(IndicatorEngine.DENOMINATOR).lt(col("_min_denominator")));
    Column better =
        when(col("_comparator").equalTo(">="), col(IndicatorValues.VALUE).multiply(-1))
            .otherwise(col(IndicatorValues.VALUE));
    WindowSpec ranked =
        Window.partitionBy(
                peers.stream().map(org.apache.spark.sql.functions::col).toArray(Column[]::new))
            .orderBy(col("is_small_sample"), better);
    WindowSpec group =
        Window.partitionBy(
            peers.stream().map(org.apache.spark.sql.functions::col).toArray(Column[]::new));
    Column vsProvince =
        when(
                col(IndicatorValues.CI_LOW).isNull().or(col("province_value").isNull()),
                lit(null).cast("string"))
            .when(col(IndicatorValues.CI_LOW).gt(col("province_value")), lit("above"))
            .when(col(IndicatorValues.CI_HIGH).lt(col("province_value")), lit("below"))
            .otherwise(lit("not_significant"));
    return withHistory
        .withColumn("is_small_sample", small)
        .withColumn("_rank", rank().over(ranked))
        .withColumn(
            "n_ranked", count(when(col("is_small_sample").equalTo(false), lit(1))).over(group))
        .withColumn("_band", quartileOf(col("_rank"), col("n_ranked")))
        .withColumn(
            "rank", when(col("is_small_sample"), lit(null).cast("int")).otherwise(col("_rank")))
        .withColumn(
            "quartile_band",
            when(col("is_small_sample"), lit(null).cast("int")).otherwise(col("_band")))
        .withColumn(
            "vs_province",
            when(col("is_small_sample"), lit(null).cast("string")).otherwise(vsProvince))
        .withColumn("change_vs_previous", change(col("previous_value")))
        .withColumn("change_vs_year_earlier", change(col("year_earlier_value")))
        .select(
            col(IndicatorEngine.INDICATOR_ID),
            col(IndicatorEngine.BASIS),
            col(IndicatorEngine.UNIT_LEVEL),
            col(IndicatorEngine.PROVINCE),
            col(PeriodColumns.PERIOD_TYPE),
            col(PeriodColumns.PERIOD_KEY),
            col(IndicatorEngine.UNIT_CODE),
            col(IndicatorEngine.UNIT_NAME),
            col(IndicatorEngine.NUMERATOR),
            col(IndicatorEngine.DENOMINATOR),
            col(IndicatorValues.VALUE),
            col(IndicatorValues.CI_LOW),
            col(IndicatorValues.CI_HIGH),
            col("is_small_sample"),
            col("rank"),
            col("n_ranked"),
            col("quartile_band"),
            col("province_value"),
            col("vs_province"),
            col("previous_value"),
            col("change_vs_previous"),
            col("year_earlier_value"),
            col("change_vs_year_earlier"));
  }

  /**
   * The basis, province and period of every figure a district has in {@code values}: there the
   * districts are compared, and the communes only where their province has none (DESIGN §1:
   * districts, and after the 2025 reorganisation communes) — the level the period's review pack
   * shows. As reported, that ranks the districts until 30/06/2025 and the communes after; restated
   * figures, today's communes, are ranked for every period. Communes ranked in the districts'
   * periods too made most of the league's rows. Collected (a province has one row a period): the
   * rows of the league are then only filtered, not joined by a shuffle.
   */
  private static Dataset<Row> districtPeriods(Dataset<Row> values) {
    Dataset<Row> keys =
        values
            .filter(col(IndicatorEngine.UNIT_LEVEL).equalTo("district"))
            .select(
                col(IndicatorEngine.BASIS).as("_dp_basis"),
                col(IndicatorEngine.PROVINCE).as("_dp_province"),
                col(PeriodColumns.PERIOD_KEY).as("_dp_key"))
            .distinct();
    return values.sparkSession().createDataFrame(keys.collectAsList(), keys.schema());
  }

  /**
   * Each unit's value of the period before and of the same period a year earlier, read from the
   * unit's own rows in one window: rows of one indicator, basis, unit, period type and length,
   * ordered by the month they start in, the earlier period being the row starting exactly so many
   * months before (none when the unit has no value then). One sort of the rows, where joining them
   * to themselves twice cost four.
   */
  private static Dataset<Row> withHistory(Dataset<Row> units, Dataset<Row> steps) {
    WindowSpec history =
        Window.partitionBy(
                col(IndicatorEngine.INDICATOR_ID),
                col(IndicatorEngine.BASIS),
                col(IndicatorEngine.UNIT_CODE),
                col(PeriodColumns.PERIOD_TYPE),
                col("_p_length"))
            .orderBy(col("_p_month"));
    java.util.SortedSet<Integer> backs = new java.util.TreeSet<>();
    backs.add(YEAR);
    steps.select("_previous_back").distinct().collectAsList().forEach(r -> backs.add(r.getInt(0)));
    Column previous = null;
    Dataset<Row> result = units;
    for (int back : backs) {
      result =
          result.withColumn(
              "_back" + back,
              max(col(IndicatorValues.VALUE)).over(history.rangeBetween(-back, -back)));
      Column earlier = col("_previous_back").equalTo(back);
      previous =
          previous == null
              ? when(earlier, col("_back" + back))
              : previous.when(earlier, col("_back" + back));
    }
    result =
        result
            .withColumn("previous_value", previous)
            .withColumn("year_earlier_value", col("_back" + YEAR));
    for (int back : backs) {
      result = result.drop("_back" + back);
    }
    return result;
  }

  /**
   * The band ntile(4) gives the row at {@code position} of {@code rows} (the ranked units), with
   * tied units all at the position of the first of them (their rank): the same on every run
   * whatever order tied rows arrive in, and ties share the better band. Computed from rank and
   * count, it needs no second window, so no second shuffle.
   */
  static Column quartileOf(Column position, Column rows) {
    Column base = floor(rows.divide(4));
    Column extra = pmod(rows, lit(4));
    Column inLonger = extra.multiply(base.plus(1));
    return when(position.leq(inLonger), floor(position.minus(1).divide(base.plus(1))).plus(1))
        .otherwise(extra.plus(floor(position.minus(inLonger).minus(1).divide(base))).plus(1))
        .cast("int");
  }

  /**
   * The value's change since {@code earlier}, to the ten decimals values are kept to: not 1.0053…
   * 000034, the last bits binary subtraction leaves.
   */
  private static Column change(Column earlier) {
    return round(col(IndicatorValues.VALUE).minus(earlier), 10);
  }
}
