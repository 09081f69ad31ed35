package vn.danvan.indicators;

import static org.apache.spark.sql.functions.col;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import java.util.List;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.RowFactory;
import org.apache.spark.sql.types.DataTypes;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import vn.danvan.testing.SharedSpark;

class IntervalsTest {

  /** Newcombe (1998), Statistics in Medicine 17:857–872, table I, method 3 (Wilson score). */
  @ParameterizedTest(name = "[{index}] {0}/{1} → [{2}, {3}]")
  @CsvSource({
    "81, 263, 0.2553, 0.3662",
    "15, 148, 0.0624, 0.1605",
    "0, 20, 0.0000, 0.1611",
    "1, 29, 0.0061, 0.1718"
  })
  void wilsonMatchesPublishedValues(int x, int n, double low, double high) {
    double[] interval = Intervals.wilson(x, n, Intervals.Z95);
    assertThat(interval[0]).as("lower bound of %d/%d", x, n).isCloseTo(low, within(0.00005));
    assertThat(interval[1]).as("upper bound of %d/%d", x, n).isCloseTo(high, within(0.00005));
  }

  /** Exact (Garwood) 95 % limits of a Poisson count, as tabulated (e.g. Ulm 1990, Table 1). */
  @ParameterizedTest(name = "[{index}] count {0} → [{1}, {2}]")
  @CsvSource({
    "0, 0, 3.689",
    "1, 0.0253, 5.572",
    "5, 1.623, 11.668",
    "10, 4.795, 18.390",
    "100, 81.364, 121.627"
  })
  void poissonMatchesPublishedValues(double count, double low, double high) {
    double[] interval = Intervals.poisson(count);
    assertThat(interval[0]).as("lower limit of %s", count).isCloseTo(low, within(0.0005));
    assertThat(interval[1]).as("upper limit of %s", count).isCloseTo(high, within(0.0005));
  }

  @Test
  void poissonIsAvailableAsASparkFunction() {
    Intervals.registerPoisson(SharedSpark.get());
    Row r =
        SharedSpark.get()
            .sql("select poisson_low(cast(5 as double)) low, poisson_high(cast(5 as double)) high")
            .first();
    assertThat(r.getDouble(0)).isCloseTo(1.623486, within(1e-6));
    assertThat(r.getDouble(1)).isCloseTo(11.668332, within(1e-6));
  }

  /** The function remembers bounds by count: a count met again gets its own bounds back. */
  @Test
  void poissonFunctionGivesEachCountItsOwnBoundsWhenCountsRepeat() {
    Intervals.registerPoisson(SharedSpark.get());
    List<Row> rows =
        SharedSpark.get()
            .sql(
                "select c, poisson_low(c) low, poisson_high(c) high from values"
                    + " (5d), (0d), (2.5d), (5d), (100d), (0d), (2.5d), (100d) as t(c)")
            .collectAsList();
    assertThat(rows).hasSize(8);
    for (Row r : rows) {
      double[] exact = Intervals.poisson(r.getDouble(0));
      assertThat(new double[] {r.getDouble(1), r.getDouble(2)})
          .as("bounds of count %s", r.getDouble(0))
          .containsExactly(exact);
    }
  }

  @Test
  void sparkColumnsComputeTheSameBoundsAsTheFunction() {
    Dataset<Row> counts =
        SharedSpark.get()
            .createDataFrame(
                List.of(
                    RowFactory.create(81.0, 263.0),
                    RowFactory.create(0.0, 20.0),
                    RowFactory.create(3.0, 0.0)),
                DataTypes.createStructType(
                    List.of(
                        DataTypes.createStructField("x", DataTypes.DoubleType, false),
                        DataTypes.createStructField("n", DataTypes.DoubleType, false))));
    List<Row> rows =
        counts
            .select(
                col("x"),
                Intervals.wilsonLow(col("x"), col("n"), Intervals.Z95).as("low"),
                Intervals.wilsonHigh(col("x"), col("n"), Intervals.Z95).as("high"))
            .collectAsList();
    assertThat(rows.get(0).getDouble(1)).as("81/263 low").isCloseTo(0.2552885199, within(1e-9));
    assertThat(rows.get(0).getDouble(2)).as("81/263 high").isCloseTo(0.3662095770, within(1e-9));
    assertThat(rows.get(1).getDouble(1)).as("0/20 low").isEqualTo(0.0);
    assertThat(rows.get(1).getDouble(2)).as("0/20 high").isCloseTo(0.1611251581, within(1e-9));
    assertThat(rows.get(2).isNullAt(1)).as("no trials: no interval").isTrue();
  }
}
