package vn.danvan.indicators;

import static org.apache.spark.sql.functions.col;
import static org.assertj.core.api.Assertions.assertThat;

import java.util.Map;
import java.util.TreeMap;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.SparkSession;
import org.junit.jupiter.api.Test;
import vn.danvan.testing.SharedSpark;

class LeagueTableTest {

  private final SparkSession spark = SharedSpark.get();

  /**
   * Five districts, two pairs tied. Quartile bands must not depend on the order rows happen to
   * arrive in (a rerun once gave tied units different bands): ties share the better band.
   */
  @Test
  void tiedUnitsShareTheirBandWhateverTheRowOrder() {
    Dataset<Row> catalogue =
        spark.sql(
            "select 'SAT_RATE' _id, 100d _factor, 'wilson' _interval, '>=' _comparator,"
                + " cast(null as double) _default_target, 10d _min_denominator");
    Dataset<Row> steps =
        spark.sql(
            "select 'year' _p_type, '2024' _p_key, '2023' _previous_key, '2023' _year_earlier_key");
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
}
