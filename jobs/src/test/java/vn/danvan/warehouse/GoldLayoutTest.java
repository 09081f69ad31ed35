package vn.danvan.warehouse;

import static org.assertj.core.api.Assertions.assertThat;

import io.delta.tables.DeltaTable;
import java.util.List;
import java.util.Map;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.RowFactory;
import org.apache.spark.sql.SparkSession;
import org.apache.spark.sql.types.DataTypes;
import org.apache.spark.sql.types.StructType;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import vn.danvan.testing.SharedSpark;

/**
 * Gold's outliers keep each period in its own folder, as its values and league do: an incremental
 * run that replaces one province's outliers of some periods rewrites those periods' files only,
 * where it rewrote the whole table (601 000 rows at 10 M records).
 */
class GoldLayoutTest {

  private static final StructType SCHEMA =
      new StructType()
          .add("indicator_id", DataTypes.StringType)
          .add("province_code", DataTypes.StringType)
          .add("period_key", DataTypes.StringType)
          .add("score", DataTypes.DoubleType);

  @TempDir java.nio.file.Path dir;

  private final SparkSession spark = SharedSpark.get();

  @Test
  void replacingAProvincesOutliersOfAPeriodRewritesThatPeriodsFileOnly() {
    Warehouse warehouse = new Warehouse(spark, dir.toString());
    warehouse.overwrite(
        TableName.OUTLIERS,
        frame(
            row("N01", "2026", 3.9),
            row("N02", "2026", -4.2),
            row("N01", "2025", 5.1),
            row("N02", "2025", 3.6)),
        "values of run 1");

    assertThat(partitions(warehouse)).containsExactly("period_key");

    warehouse.replaceWhere(
        TableName.OUTLIERS,
        frame(row("N01", "2026", 4.4)),
        "period_key IN ('2026') AND province_code IN ('N01')",
        "values of run 2");

    assertThat(lastMetrics(warehouse))
        .as("2026's file rewritten without N01's row, 2025's left")
        .containsEntry("numRemovedFiles", "1")
        .containsEntry("numCopiedRows", "1")
        .containsEntry("numDeletedRows", "1");
    assertThat(
            warehouse
                .read(TableName.OUTLIERS)
                .orderBy("period_key", "province_code")
                .collectAsList())
        .extracting(Row::toString)
        .containsExactly(
            "[SAT_RATE,N01,2025,5.1]",
            "[SAT_RATE,N02,2025,3.6]",
            "[SAT_RATE,N01,2026,4.4]",
            "[SAT_RATE,N02,2026,-4.2]");
  }

  @Test
  void maintenancePartitionsOutliersWrittenBeforeTheyWereAndKeepsTheirRowsAndNote() {
    Warehouse warehouse = new Warehouse(spark, dir.toString());
    // As a warehouse of 2026-12-06 wrote them: one unpartitioned table.
    frame(row("N01", "2026", 3.9), row("N01", "2025", 5.1))
        .write()
        .format("delta")
        .option("userMetadata", "values of run 1")
        .save(warehouse.path(TableName.OUTLIERS));
    assertThat(partitions(warehouse)).isEmpty();

    Maintenance.run(warehouse, 30);

    assertThat(partitions(warehouse)).containsExactly("period_key");
    assertThat(warehouse.read(TableName.OUTLIERS).orderBy("period_key").collectAsList())
        .extracting(Row::toString)
        .containsExactly("[SAT_RATE,N01,2025,5.1]", "[SAT_RATE,N01,2026,3.9]");
    assertThat(warehouse.lastNote(TableName.OUTLIERS)).contains("values of run 1");
  }

  private static Row row(String province, String period, double score) {
    return RowFactory.create("SAT_RATE", province, period, score);
  }

  private Dataset<Row> frame(Row... rows) {
    return spark.createDataFrame(List.of(rows), SCHEMA);
  }

  private List<String> partitions(Warehouse warehouse) {
    return DeltaTable.forPath(spark, warehouse.path(TableName.OUTLIERS))
        .detail()
        .select("partitionColumns")
        .first()
        .getList(0);
  }

  private Map<String, String> lastMetrics(Warehouse warehouse) {
    return DeltaTable.forPath(spark, warehouse.path(TableName.OUTLIERS))
        .history(1)
        .select("operationMetrics")
        .first()
        .getJavaMap(0);
  }
}
