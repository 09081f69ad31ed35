package vn.danvan.indicators;

import static org.apache.spark.sql.functions.col;
import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.regex.Pattern;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.SparkSession;
import org.junit.jupiter.api.Test;
import vn.danvan.period.Period;
import vn.danvan.testing.SharedSpark;

class LeagueTableTest {

  private final SparkSession spark = SharedSpark.get();

  /**
   * Five districts, two pairs tied. Quartile bands must not depend on the order rows happen to
   * arrive in (a rerun once gave tied units different bands): ties share the better band.
   */
  @Test
  void tiedUnitsShareTheirBandWhateverTheRowOrder() {
    Dataset<Row> catalogue = satisfactionCatalogue();
    Dataset<Row> steps = LeagueTable.steps(spark, List.of(Period.year(2024)));
    String[] rows = {
      "('P', 'province', 'P', 'Tỉnh', 80d, 100d, 80d)",
      "('D1', 'district', 'P', 'Một', 18d, 20d, 90d)",
      "('D2', 'district', 'P', 'Hai', 18d, 20d, 90d)",
      "('D3', 'district', 'P', 'Ba', 16d, 20d, 80d)",
      "('D4', 'district', 'P', 'Bốn', 14d, 20d, 70d)",
      "('D5', 'district', 'P', 'Năm', 14d, 20d, 70d)"
    };
    for (boolean reversed : new boolean[] {false, true}) {
      StringBuilder values = new StringBuilder();
      for (int i = 0; i < rows.length; i++) {
        String row = rows[reversed ? rows.length - 1 - i : i];
        values.append(i == 0 ? "" : ", ").append(row);
      }
      Dataset<Row> indicatorValues =
          spark
              .sql(
                  "select 'SAT_RATE' indicator_id, 'as_reported' basis, unit_level, province province_code,"
                      + " 'year' period_type, '2024' period_key, unit_code, unit_name, numerator,"
                      + " denominator, value, value - 5 ci_low, value + 5 ci_high from values "
                      + values
                      + " as t(unit_code, unit_level, province, unit_name, numerator,"
                      + " denominator, value)")
              .repartition(3);

      Map<String, String> league = new TreeMap<>();
      for (Row r :
          LeagueTable.of(indicatorValues, catalogue, steps)
              .filter(col("unit_level").equalTo("district"))
              .collectAsList()) {
        league.put(r.getAs("unit_code"), r.getAs("rank") + "|" + r.getAs("quartile_band"));
      }

      assertThat(league)
          .as("rank|band by district, rows %s", reversed ? "reversed" : "in order")
          .containsExactlyEntriesOf(
              new TreeMap<>(
                  Map.of("D1", "1|1", "D2", "1|1", "D3", "3|2", "D4", "4|3", "D5", "4|3")));
    }
  }

  /**
   * The history window (keyed by unit) and the ranking (keyed by peers) both run over one shuffle
   * of the rows, by the keys they share: on the nation's 37 M league rows each further shuffle
   * costs minutes. The province values are broadcast, not joined by a shuffle.
   */
  @Test
  void theRowsAreShuffledOnceForBothWindows() {
    Dataset<Row> catalogue = satisfactionCatalogue();
    Dataset<Row> values =
        spark.sql(
            "select 'SAT_RATE' indicator_id, 'as_reported' basis, unit_level, 'P' province_code,"
                + " 'year' period_type, '2024' period_key, unit_code, unit_code unit_name,"
                + " 18d numerator, 20d denominator, 90d value, 85d ci_low, 95d ci_high"
                + " from values ('P', 'province'), ('D1', 'district'), ('D2', 'district')"
                + " as t(unit_code, unit_level)");

    String plan;
    // As with the nation's rows: too many to be broadcast by their size alone.
    String threshold = spark.conf().get("spark.sql.autoBroadcastJoinThreshold");
    spark.conf().set("spark.sql.autoBroadcastJoinThreshold", "-1");
    try {
      plan =
          LeagueTable.of(values, catalogue, LeagueTable.steps(spark, List.of(Period.year(2024))))
              .queryExecution()
              .executedPlan()
              .toString();
    } finally {
      spark.conf().set("spark.sql.autoBroadcastJoinThreshold", threshold);
    }

    assertThat(Pattern.compile("(?<!Broadcast)Exchange ").matcher(plan).results().count())
        .as("shuffles in the league's plan:%n%s", plan)
        .isEqualTo(1);
    assertThat(plan).as(plan).doesNotContain("SortMergeJoin").doesNotContain("ShuffledHashJoin");
  }

  /** Without ties the band is exactly Spark's ntile(4), for every count of ranked units. */
  @Test
  void bandsAreNtileOfTheRankedUnits() {
    Dataset<Row> bands =
        spark
            .range(1, 10)
            .withColumnRenamed("id", "n")
            .crossJoin(spark.range(1, 10).withColumnRenamed("id", "position"))
            .filter("position <= n")
            .withColumn(
                "ntile",
                org.apache
                    .spark
                    .sql
                    .functions
                    .ntile(4)
                    .over(
                        org.apache.spark.sql.expressions.Window.partitionBy("n")
                            .orderBy("position")))
            .withColumn("band", LeagueTable.quartileOf(col("position"), col("n")));

    assertThat(bands.filter("band <> ntile or band is null").collectAsList())
        .as("positions whose band differs from ntile(4)")
        .isEmpty();
    assertThat(bands.count()).isEqualTo(45);
  }

  /**
   * The previous and year-earlier values are the unit's own values of exactly those periods, none
   * when the unit has no value then (2023-Q2 and 2023-Q4 are missing), whatever lies between.
   */
  @Test
  void changesAreAgainstTheUnitsOwnPreviousAndYearEarlierPeriods() {
    Dataset<Row> catalogue = satisfactionCatalogue();
    List<Period> calendar =
        List.of(
            Period.quarter(2023, 1),
            Period.quarter(2023, 2),
            Period.quarter(2023, 3),
            Period.quarter(2023, 4),
            Period.quarter(2024, 1),
            Period.quarter(2024, 2),
            Period.year(2023),
            Period.year(2024),
            Period.phase(2021, 2025),
            Period.phase(2026, 2030));
    Dataset<Row> values =
        spark.sql(
            "select 'SAT_RATE' indicator_id, 'as_reported' basis, 'district' unit_level,"
                + " 'P' province_code, period_type, period_key, unit_code, 'Một' unit_name,"
                + " 50d numerator, 100d denominator, value, value - 5 ci_low, value + 5 ci_high"
                + " from values ('quarter', '2023-Q1', 'D1', 70.1d), ('quarter', '2023-Q3', 'D1', 75d),"
                + " ('quarter', '2024-Q1', 'D1', 80.3d), ('quarter', '2024-Q2', 'D1', 85d),"
                + " ('quarter', '2023-Q2', 'D2', 60d), ('year', '2023', 'D1', 72d),"
                + " ('year', '2024', 'D1', 82d), ('phase', '2021..2025', 'D1', 77d),"
                + " ('phase', '2026..2030', 'D1', 79d)"
                + " as t(period_type, period_key, unit_code, value)");

    Map<String, String> history = new TreeMap<>();
    Map<String, String> changes = new TreeMap<>();
    for (Row r :
        LeagueTable.of(values, catalogue, LeagueTable.steps(spark, calendar))
            .filter(col("unit_code").equalTo("D1"))
            .collectAsList()) {
      history.put(
          r.getAs("period_key"), r.getAs("previous_value") + "|" + r.getAs("year_earlier_value"));
      changes.put(
          r.getAs("period_key"),
          r.getAs("change_vs_previous") + "|" + r.getAs("change_vs_year_earlier"));
    }

    assertThat(history)
        .containsExactlyEntriesOf(
            new TreeMap<>(
                Map.of(
                    "2023-Q1", "null|null",
                    "2023-Q3", "null|null",
                    "2024-Q1", "null|70.1",
                    "2024-Q2", "80.3|null",
                    "2023", "null|null",
                    "2024", "72.0|72.0",
                    "2021..2025", "null|null",
                    "2026..2030", "77.0|null")));
    // Kept to the values' ten decimals: 80.3 − 70.1 is 10.200000000000003 in binary arithmetic.
    assertThat(changes)
        .as("change on the previous period | on a year earlier, by period")
        .containsEntry("2024-Q1", "null|10.2")
        .containsEntry("2024-Q2", "4.7|null")
        .containsEntry("2024", "10.0|10.0");
    // Steps of one period place the periods it looks back at too (a past pack asks for one).
    Row alone =
        LeagueTable.of(
                values, catalogue, LeagueTable.steps(spark, List.of(Period.quarter(2024, 1))))
            .filter(col("unit_code").equalTo("D1").and(col("period_key").equalTo("2024-Q1")))
            .first();
    assertThat(alone.<Double>getAs("year_earlier_value")).isEqualTo(70.1);
  }

  /**
   * Districts are compared while their province has them; communes only where it has none: as
   * reported, old province P's districts in 2024 (its communes not ranked) and new province N's
   * communes in 2026; restated onto today's communes, N's communes in 2024 too.
   */
  @Test
  void communesAreComparedOnlyWhereTheirProvinceHasNoDistricts() {
    Dataset<Row> values =
        spark.sql(
            "select 'SAT_RATE' indicator_id, basis, unit_level, province province_code,"
                + " 'year' period_type, period_key, unit_code, unit_code unit_name, 18d numerator,"
                + " 20d denominator, value, value - 5 ci_low, value + 5 ci_high from values"
                + " ('as_reported', '2024', 'P', 'province', 'P', 80d),"
                + " ('as_reported', '2024', 'D1', 'district', 'P', 90d),"
                + " ('as_reported', '2024', 'D2', 'district', 'P', 70d),"
                + " ('as_reported', '2024', 'C11', 'commune', 'P', 95d),"
                + " ('as_reported', '2024', 'C21', 'commune', 'P', 65d),"
                + " ('as_reported', '2026', 'N', 'province', 'N', 80d),"
                + " ('as_reported', '2026', 'X1', 'commune', 'N', 60d),"
                + " ('as_reported', '2026', 'X2', 'commune', 'N', 85d),"
                + " ('restated', '2024', 'N', 'province', 'N', 80d),"
                + " ('restated', '2024', 'X1', 'commune', 'N', 91d),"
                + " ('restated', '2024', 'X2', 'commune', 'N', 69d)"
                + " as t(basis, period_key, unit_code, unit_level, province, value)");

    Map<String, String> league = new TreeMap<>();
    for (Row r :
        LeagueTable.of(
                values,
                satisfactionCatalogue(),
                LeagueTable.steps(spark, List.of(Period.year(2024), Period.year(2026))))
            .collectAsList()) {
      league.put(
          r.getAs("basis") + " " + r.getAs("period_key") + " " + r.getAs("unit_code"),
          r.getAs("unit_level") + " " + r.getAs("rank"));
    }

    assertThat(league)
        .containsExactlyEntriesOf(
            new TreeMap<>(
                Map.of(
                    "as_reported 2024 D1", "district 1",
                    "as_reported 2024 D2", "district 2",
                    "as_reported 2026 X1", "commune 2",
                    "as_reported 2026 X2", "commune 1",
                    "restated 2024 X1", "commune 1",
                    "restated 2024 X2", "commune 2")));
  }

  /** The catalogue frame of SAT_RATE alone: higher is better, at least 10 ballots to be ranked. */
  private Dataset<Row> satisfactionCatalogue() {
    return spark.sql(
        "select 'SAT_RATE' _id, 100d _factor, 'wilson' _interval, '>=' _comparator,"
            + " cast(null as double) _default_target, 10d _min_denominator");
  }
}
