package vn.danvan.warehouse;

import static org.assertj.core.api.Assertions.assertThat;

import io.delta.tables.DeltaTable;
import java.util.List;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.SparkSession;
import org.apache.spark.sql.functions;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import vn.danvan.testing.SharedSpark;

/** The log read on the driver tells what Delta's public history tells. */
class TableLogTest {

  private static final TableName TABLE = new TableName("gold", "log_test");

  @TempDir java.nio.file.Path dir;

  private final SparkSession spark = SharedSpark.get();

  private Dataset<Row> rows(int from, int to) {
    return spark.range(from, to).toDF("id").withColumn("district", functions.lit("BH"));
  }

  private void setProperty(Warehouse warehouse, int n) {
    spark.sql(
        "ALTER TABLE delta.`"
            + warehouse.path(TABLE)
            + "` SET TBLPROPERTIES ('danvan.test' = '"
            + n
            + "')");
  }

  @Test
  void versionsOperationsAndNotesAreThoseOfDeltasHistory() {
    Warehouse warehouse = new Warehouse(spark, dir.toString());
    warehouse.overwrite(TABLE, rows(0, 3), "first");
    warehouse.append(TABLE, rows(3, 5));
    setProperty(warehouse, 1);
    warehouse.replaceWhere(TABLE, rows(0, 2), "id < 2", "second");
    String path = warehouse.path(TABLE);

    List<String> history =
        DeltaTable.forPath(spark, path)
            .history()
            .orderBy("version")
            .select("version", "operation", "userMetadata")
            .collectAsList()
            .stream()
            .map(r -> r.getLong(0) + " " + r.getString(1) + " " + r.getString(2))
            .toList();
    List<String> read =
        TableLog.commits(spark, path, 0, 3).stream()
            .map(c -> c.version() + " " + c.operation() + " " + c.note())
            .toList();

    assertThat(read)
        .isEqualTo(history)
        .containsExactly(
            "0 WRITE first", "1 WRITE null", "2 SET TBLPROPERTIES null", "3 WRITE second");
    assertThat(TableLog.latestVersion(spark, path)).isEqualTo(3L);
    assertThat(warehouse.version(TABLE)).contains(3L);
  }

  @Test
  void theLastDataCommitIsFoundBehindMoreMaintenanceThanTheFirstLookAtTheLog() {
    Warehouse warehouse = new Warehouse(spark, dir.toString());
    assertThat(warehouse.dataVersion(TABLE)).as("no table yet").isEmpty();
    warehouse.overwrite(TABLE, rows(0, 3), "computed from silver v4");
    warehouse.overwrite(TABLE, rows(0, 5), "computed from silver v5");
    for (int n = 0; n < 9; n++) {
      setProperty(warehouse, n);
    }

    assertThat(warehouse.version(TABLE)).contains(10L);
    assertThat(warehouse.dataVersion(TABLE))
        .as("the second write, behind nine property changes")
        .contains(1L);
    assertThat(warehouse.lastNote(TABLE)).contains("computed from silver v5");
  }
}
