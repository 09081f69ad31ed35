package vn.danvan.indicators;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.SparkSession;
import org.junit.jupiter.api.Test;
import vn.danvan.testing.SharedSpark;

class IndicatorEngineTest {

  private final SparkSession spark = SharedSpark.get();

  /**
   * Communes C1 and C2 of district D1 and C3 of D2, in province P, report ballots; C4 lies in no
   * district (after 2025). Each level sums its communes' numerators and denominators, never their
   * rates, and names its parent and province.
   */
  @Test
  void districtsAndProvincesSumTheirCommunesFigures() {
    Dataset<Row> figures =
        figures(
            "('C1', 'Xã Một', 'D1', 'P', 40d, 50d)",
            "('C2', 'Xã Hai', 'D1', 'P', 9d, 10d)",
            "('C3', 'Xã Ba', 'D2', 'P', 20d, 40d)",
            "('C4', 'Xã Bốn', null, 'P', 1d, null)");

    List<String> rows = rows(IndicatorEngine.asReported(figures, names()));

    assertThat(rows)
        .containsExactly(
            "C1 Xã Một commune D1 P 40.0/50.0",
            "C2 Xã Hai commune D1 P 9.0/10.0",
            "C3 Xã Ba commune D2 P 20.0/40.0",
            "C4 Xã Bốn commune P P 1.0/null",
            "D1 Huyện Một district P P 49.0/60.0",
            "D2 Huyện Hai district P P 20.0/40.0",
            "P Tỉnh province null P 70.0/100.0");
  }

  /**
   * A district whose communes name two provinces in one period (the reference moved it, and only
   * some of its communes were versioned again) gives one row, under the first province by code,
   * whatever order the rows come in; before, Spark's {@code first} picked either.
   */
  @Test
  void aDistrictNamedInTwoProvincesGivesOneRowUnderTheFirst() {
    for (boolean reversed : new boolean[] {false, true}) {
      String a = "('C1', 'Xã Một', 'D1', 'Q', 40d, 50d)";
      String b = "('C2', 'Xã Hai', 'D1', 'P', 9d, 10d)";
      Dataset<Row> figures = reversed ? figures(b, a) : figures(a, b);

      List<String> districts =
          rows(IndicatorEngine.asReported(figures, names())).stream()
              .filter(r -> r.startsWith("D1 "))
              .toList();

      assertThat(districts)
          .as("reversed: %s", reversed)
          .containsExactly("D1 Huyện Một district P P 49.0/60.0");
    }
  }

  /**
   * Commune figures of SAT_RATE for 2024-Q1, from SQL tuples (code, name, district, province, n,
   * d).
   */
  private Dataset<Row> figures(String... tuples) {
    return spark
        .sql(
            "select 'SAT_RATE' indicator_id, commune_code, commune_name, district_code,"
                + " province_code, 'quarter' period_type, '2024-Q1' period_key,"
                + " date'2024-01-01' period_start, date'2024-03-31' period_end,"
                + " numerator, cast(denominator as double) denominator from values "
                + String.join(", ", tuples)
                + " as t(commune_code, commune_name, district_code, province_code, numerator,"
                + " denominator)")
        .repartition(2);
  }

  private Dataset<Row> names() {
    return spark.sql(
        "select * from values ('D1', 'Huyện Một'), ('D2', 'Huyện Hai'), ('P', 'Tỉnh')"
            + " as t(_name_code, _name)");
  }

  /** Each row as "unit name level parent province numerator/denominator", sorted. */
  private static List<String> rows(Dataset<Row> values) {
    return values.collectAsList().stream()
        .map(
            r ->
                String.join(
                    " ",
                    r.<String>getAs("unit_code"),
                    r.<String>getAs("unit_name"),
                    r.<String>getAs("unit_level"),
                    String.valueOf(r.<String>getAs("parent_code")),
                    r.<String>getAs("province_code"),
                    r.getAs("numerator") + "/" + r.getAs("denominator")))
        .sorted()
        .toList();
  }
}
