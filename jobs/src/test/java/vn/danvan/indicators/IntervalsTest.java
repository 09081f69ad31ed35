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
