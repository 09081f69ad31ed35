package vn.danvan.warehouse;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.sql.Timestamp;
import java.util.List;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.RowFactory;
import org.apache.spark.sql.types.DataTypes;
import org.apache.spark.sql.types.StructType;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import vn.danvan.testing.SharedSpark;

/**
 * The comparison the cluster check and the fault tests rest on: "same" must mean the same rows, and
 * a changed value, an extra copy of a row or a missing table must be found and named.
 */
class TableComparisonTest {

  private static final StructType SCHEMA =
      new StructType()
          .add("unit_code", DataTypes.StringType)
          .add("value", DataTypes.DoubleType)
          .add("run_id", DataTypes.StringType)
          .add("computed_at", DataTypes.TimestampType)
          // Last, where Delta puts the column gold.outliers is partitioned by.
          .add("period_key", DataTypes.StringType);

  @TempDir Path root;

  private Warehouse left;
  private Warehouse right;

  @BeforeEach
  void warehouses() {
    left = new Warehouse(SharedSpark.get(), root.resolve("left").toString());
    right = new Warehouse(SharedSpark.get(), root.resolve("right").toString());
  }

  @Test
  void rowsInAnotherOrderFromAnotherRunAtAnotherTimeAreTheSame() {
    write(
        left,
        TableName.OUTLIERS,
        row("C11", 0.1 + 0.2, "run-a", "2026-12-01 10:00:00"),
        row("C12", 2.5, "run-a", "2026-12-01 10:00:00"));
    write(
        right,
        TableName.OUTLIERS,
        row("C12", 2.5, "run-b", "2026-12-02 09:00:00"),
        row("C11", 0.3, "run-b", "2026-12-02 09:00:00"));

    assertThat(compare()).containsExactly("gold.outliers: same");
  }

  @Test
  void aChangedValueIsFoundOnBothSidesAndShown() {
    write(left, TableName.OUTLIERS, row("C11", 1.0, "run-a"), row("C12", 2.5, "run-a"));
    write(right, TableName.OUTLIERS, row("C11", 1.0, "run-b"), row("C12", 2.50001, "run-b"));

    assertThat(compare())
        .containsExactly(
            "gold.outliers: differs (1 row(s) only left, 1 only right; e.g. left [C12,2.5,2026-Q1])");
  }

  @Test
  void anExtraCopyOfARowIsFound() {
    Row c11 = row("C11", 1.0, "run-a");
    write(left, TableName.OUTLIERS, c11);
    write(right, TableName.OUTLIERS, c11, c11);

    assertThat(compare())
        .containsExactly(
            "gold.outliers: differs (0 row(s) only left, 1 only right; e.g. right [C11,1.0,2026-Q1])");
  }

  @Test
  void aTableOnlyOneSideHasIsFoundAndOneNeitherHasIsLeftOut() {
    write(left, TableName.OUTLIERS, row("C11", 1.0, "run-a"));
    write(left, TableName.REPORTING_RATES, row("C11", 1.0, "run-a"));
    write(right, TableName.OUTLIERS, row("C11", 1.0, "run-b"));

    assertThat(compare())
        .containsExactly(
            "gold.reporting_rates: differs (0 row(s) only left, 0 only right; e.g. only left has the table)",
            "gold.outliers: same");
  }

  private List<String> compare() {
    return TableComparison.compare(left, right, t -> t.layer().equals("gold")).stream()
        .map(TableComparison.Result::toString)
        .toList();
  }

  /** A row written at the same moment as the others of its test. */
  private static Row row(String unit, double value, String run) {
    return row(unit, value, run, "2026-12-01 10:00:00");
  }

  private static Row row(String unit, double value, String run, String at) {
    return RowFactory.create(unit, value, run, Timestamp.valueOf(at), "2026-Q1");
  }

  /** {@code table} of {@code warehouse} written with {@code rows}. */
  private static void write(Warehouse warehouse, TableName table, Row... rows) {
    warehouse.overwrite(table, SharedSpark.get().createDataFrame(List.of(rows), SCHEMA));
  }
}
