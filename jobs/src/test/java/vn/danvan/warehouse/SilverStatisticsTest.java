package vn.danvan.warehouse;

import static org.apache.spark.sql.functions.col;
import static org.apache.spark.sql.functions.max;
import static org.apache.spark.sql.functions.min;
import static org.assertj.core.api.Assertions.assertThat;

import io.delta.tables.DeltaTable;
import java.sql.Date;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.RowFactory;
import org.apache.spark.sql.SparkSession;
import org.apache.spark.sql.catalyst.plans.logical.LocalRelation;
import org.apache.spark.sql.types.StructField;
import org.apache.spark.sql.types.StructType;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import vn.danvan.schema.RecordKinds;
import vn.danvan.schema.TableSchemas;
import vn.danvan.testing.SharedSpark;

/**
 * A kind's silver table keeps Delta statistics on its lineage and on where and when its records
 * lie: its first and last record date come from the log alone. A table made before that gets them
 * from {@code danvan maintain}, as a change that leaves gold's inputs as they were.
 */
class SilverStatisticsTest {

  private static final TableName DIALOGUES = TableName.silver("dialogues");
  private static final String NAMED =
      "source_file,source_row,source_line,file_hash,run_id,submission_id,reporting_unit,"
          + "period_key,record_id,commune_code,district_code,province_code,record_date";

  @TempDir java.nio.file.Path dir;

  private final SparkSession spark = SharedSpark.get();

  @Test
  void aKindsSilverTableIsMadeWithStatisticsOnWhereAndWhenItsRecordsLie() {
    Warehouse warehouse = new Warehouse(spark, dir.toString());
    warehouse.replaceGroups(
        DIALOGUES, rows(), List.of("submission_id", "source_row"), java.util.Set.of(), 2);

    assertThat(String.join(",", DIALOGUES.statsColumns())).isEqualTo(NAMED);
    assertThat(properties(warehouse)).containsEntry(Warehouse.STATS_COLUMNS, NAMED);
    assertThat(TableName.QUARANTINE.statsColumns()).as("not a kind's table").isEmpty();
    assertThat(TableName.bronze("dialogues").statsColumns()).isEmpty();
    assertSpanFromTheLog(warehouse);
  }

  @Test
  void maintenanceGivesATableMadeBeforeItsStatisticsAndChangesNoData() {
    Warehouse warehouse = new Warehouse(spark, dir.toString());
    // As a warehouse written before the columns were named: Delta's leading columns only, in
    // one file of one range of submissions (so that maintenance has no files to lay out again).
    rows().coalesce(1).write().format("delta").mode("append").save(warehouse.path(DIALOGUES));
    assertThat(span(warehouse).queryExecution().optimizedPlan())
        .as("without statistics on record_date the span is a scan")
        .isNotInstanceOf(LocalRelation.class);

    Maintenance.run(warehouse, 30);

    assertThat(properties(warehouse))
        .containsEntry(Warehouse.STATS_COLUMNS, NAMED)
        .containsEntry("delta.logRetentionDuration", "interval 30 days")
        .containsEntry("delta.deletedFileRetentionDuration", "interval 30 days");
    assertSpanFromTheLog(warehouse);
    assertThat(warehouse.dataVersion(DIALOGUES))
        .as("naming the columns and writing the files again is maintenance")
        .contains(0L);
    List<String> operations =
        DeltaTable.forPath(spark, warehouse.path(DIALOGUES))
            .history()
            .orderBy("version")
            .select("operation")
            .as(org.apache.spark.sql.Encoders.STRING())
            .collectAsList();
    assertThat(operations)
        .as("named, then its files written again with their statistics")
        .containsSubsequence("WRITE", "SET TBLPROPERTIES", "WRITE");
    assertThat(operations)
        .as("the time-travel window and the statistics' columns set in one commit")
        .filteredOn("SET TBLPROPERTIES"::equals)
        .hasSize(1);
  }

  private void assertSpanFromTheLog(Warehouse warehouse) {
    Dataset<Row> span = span(warehouse);
    assertThat(span.queryExecution().optimizedPlan()).isInstanceOf(LocalRelation.class);
    assertThat(span.collectAsList().get(0).toString()).isEqualTo("[2024-01-05,2024-03-20]");
  }

  /** As gold reads it: at the version the run pinned (Snapshot#read). */
  private Dataset<Row> span(Warehouse warehouse) {
    return warehouse
        .readVersion(DIALOGUES, warehouse.version(DIALOGUES).orElseThrow())
        .agg(min(col("record_date")), max(col("record_date")));
  }

  private Map<String, String> properties(Warehouse warehouse) {
    return scala.jdk.javaapi.CollectionConverters.asJava(
        DeltaTable.forPath(spark, warehouse.path(DIALOGUES))
            .detail()
            .select("properties")
            .first()
            .<scala.collection.Map<String, String>>getAs(0));
  }

  /** Two dialogues of one submission, every other column empty. */
  private Dataset<Row> rows() {
    StructType schema = TableSchemas.silver(RecordKinds.of("dialogues"));
    List<Row> rows = new ArrayList<>();
    rows.add(row(schema, "A", 1, "C21", "2024-03-20"));
    rows.add(row(schema, "B", 2, "C12", "2024-01-05"));
    return spark.createDataFrame(rows, schema);
  }

  private static Row row(StructType schema, String id, int line, String commune, String date) {
    Map<String, Object> values =
        Map.of(
            "source_file", "dialogues/D1/2024-Q1.csv",
            "source_row", line,
            "source_line", line + 1,
            "file_hash", "h",
            "run_id", "r",
            "submission_id", "dialogues/D1/2024-Q1",
            "reporting_unit", "D1",
            "period_key", "2024-Q1",
            "record_id", id,
            "commune_code", commune);
    List<Object> cells = new ArrayList<>();
    for (StructField f : schema.fields()) {
      cells.add(f.name().equals("record_date") ? Date.valueOf(date) : values.get(f.name()));
    }
    return RowFactory.create(cells.toArray());
  }
}
