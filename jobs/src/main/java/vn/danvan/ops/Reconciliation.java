package vn.danvan.ops;

import static org.apache.spark.sql.functions.coalesce;
import static org.apache.spark.sql.functions.col;
import static org.apache.spark.sql.functions.count;
import static org.apache.spark.sql.functions.lit;
import static org.apache.spark.sql.functions.when;

import java.util.ArrayList;
import java.util.List;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import vn.danvan.schema.Lineage;
import vn.danvan.schema.RecordKinds;
import vn.danvan.warehouse.SparkSessions;
import vn.danvan.warehouse.TableName;
import vn.danvan.warehouse.Warehouse;

/**
 * Proves nothing was lost or counted twice, file by file: a current file's rows are all in silver
 * or quarantine; a superseded, rejected or duplicate file has none there, and neither has a file
 * the ledger does not record ({@link #UNRECORDED}).
 */
public final class Reconciliation {

  /**
   * The status of a file whose rows silver or quarantine hold but the ledger does not record: a run
   * refined it and died before recording its outcome. They are replaced when the file is read
   * again.
   */
  public static final String UNRECORDED = "unrecorded";

  private Reconciliation() {}

  /**
   * One file whose rows do not add up.
   *
   * @param sourceFile the landing file
   * @param status its ledger status
   * @param rows the rows ingest read from it
   * @param inSilver its rows in silver
   * @param inQuarantine its rows in quarantine
   */
  public record Mismatch(
      String sourceFile, String status, long rows, long inSilver, long inQuarantine) {}

  /** The files whose rows do not add up; empty when every row is accounted for. */
  public static List<Mismatch> mismatches(Warehouse warehouse) {
    if (!warehouse.exists(TableName.FILES)) {
      return List.of();
    }
    Dataset<Row> silver = null;
    for (String kind : RecordKinds.names()) {
      if (warehouse.exists(TableName.silver(kind))) {
        Dataset<Row> keys =
            warehouse.read(TableName.silver(kind)).select(Lineage.SOURCE_FILE, Lineage.FILE_HASH);
        silver = silver == null ? keys : silver.unionByName(keys);
      }
    }
    Dataset<Row> silverCounts = counts(silver, "in_silver");
    Dataset<Row> quarantineCounts =
        counts(
            warehouse.exists(TableName.QUARANTINE)
                ? warehouse
                    .read(TableName.QUARANTINE)
                    .select(Lineage.SOURCE_FILE, Lineage.FILE_HASH)
                : null,
            "in_quarantine");
    Dataset<Row> files =
        warehouse.read(TableName.FILES).select("source_file", "file_hash", "status", "rows");
    Dataset<Row> joined = files;
    for (Dataset<Row> c : java.util.Arrays.asList(silverCounts, quarantineCounts)) {
      if (c != null) {
        joined =
            joined.join(
                c, SparkSessions.seq(List.of(Lineage.SOURCE_FILE, Lineage.FILE_HASH)), "full");
      }
    }
    joined =
        joined
            .withColumn("status", coalesce(col("status"), lit(UNRECORDED)))
            .withColumn("rows", coalesce(col("rows"), lit(0)));
    for (String column : List.of("in_silver", "in_quarantine")) {
      joined =
          joined.withColumn(
              column,
              List.of(joined.columns()).contains(column)
                  ? coalesce(col(column), lit(0L))
                  : lit(0L));
    }
    Dataset<Row> wrong =
        joined.filter(
            when(
                    col("status").equalTo(FileLedger.CURRENT),
                    col("rows").notEqual(col("in_silver").plus(col("in_quarantine"))))
                .otherwise(col("in_silver").plus(col("in_quarantine")).gt(0)));
    List<Mismatch> result = new ArrayList<>();
    for (Row r : wrong.orderBy("source_file").collectAsList()) {
      result.add(
          new Mismatch(
              r.getAs("source_file"),
              r.getAs("status"),
              r.<Integer>getAs("rows"),
              r.<Long>getAs("in_silver"),
              r.<Long>getAs("in_quarantine")));
    }
    return result;
  }

  private static Dataset<Row> counts(Dataset<Row> keys, String name) {
    return keys == null
        ? null
        : keys.groupBy(Lineage.SOURCE_FILE, Lineage.FILE_HASH).agg(count(lit(1)).as(name));
  }
}
