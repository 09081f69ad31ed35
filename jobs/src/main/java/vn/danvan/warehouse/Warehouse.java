package vn.danvan.warehouse;

import io.delta.tables.DeltaTable;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.stream.Collectors;
import org.apache.hadoop.fs.FileSystem;
import org.apache.hadoop.fs.Path;
import org.apache.spark.sql.Column;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.SparkSession;
import org.apache.spark.sql.functions;
import org.apache.spark.sql.types.StructType;
import vn.danvan.ops.FaultPoint;

/**
 * The Delta tables under one warehouse root: the only place that reads or writes them. The root is
 * any Hadoop URI ({@code warehouse}, {@code s3a://bucket/dv}, {@code hdfs://…}).
 */
public final class Warehouse {

  private static final String DELETE_MARKER = "_danvan_delete";

  private final SparkSession spark;
  private final String root;

  /** The warehouse at {@code root}, used through {@code spark}. */
  public Warehouse(SparkSession spark, String root) {
    this.spark = spark;
    this.root = qualify(spark, root);
  }

  /** The session the warehouse is read and written through. */
  public SparkSession spark() {
    return spark;
  }

  /** The fully qualified root URI. */
  public String root() {
    return root;
  }

  /** Where {@code table} lives. */
  public String path(TableName table) {
    return root + "/" + table.layer() + "/" + table.name();
  }

  /** True when {@code table} has been written at least once. */
  public boolean exists(TableName table) {
    return DeltaTable.isDeltaTable(spark, path(table));
  }

  /** The current state of {@code table}. */
  public Dataset<Row> read(TableName table) {
    return spark.read().format("delta").load(path(table));
  }

  /**
   * The current state of {@code table}, or an empty frame of {@code schema} when it is not there.
   */
  public Dataset<Row> readOrEmpty(TableName table, StructType schema) {
    return exists(table) ? read(table) : spark.createDataFrame(List.of(), schema);
  }

  /** {@code table} as it was at {@code version}. */
  public Dataset<Row> readVersion(TableName table, long version) {
    return spark.read().format("delta").option("versionAsOf", version).load(path(table));
  }

  /** {@code table} as it was at the end of {@code timestamp} (ISO date or date-time). */
  public Dataset<Row> readTimestamp(TableName table, String timestamp) {
    return spark.read().format("delta").option("timestampAsOf", timestamp).load(path(table));
  }

  /** The current version of {@code table}, empty when it does not exist. */
  public Optional<Long> version(TableName table) {
    if (!exists(table)) {
      return Optional.empty();
    }
    Row last = DeltaTable.forPath(spark, path(table)).history(1).select("version").first();
    return Optional.of(last.getLong(0));
  }

  /** Appends {@code rows} to {@code table}, creating it when needed. */
  public void append(TableName table, Dataset<Row> rows) {
    FaultPoint.during(table.layer() + "-append", rows)
        .write()
        .format("delta")
        .mode("append")
        .save(path(table));
  }

  /** Replaces the whole content (and schema) of {@code table} with {@code rows}. */
  public void overwrite(TableName table, Dataset<Row> rows) {
    overwrite(table, rows, null);
  }

  /**
   * Replaces the whole content (and schema) of {@code table} with {@code rows}, recording {@code
   * note} in the commit (read back with {@link #lastNote}).
   */
  public void overwrite(TableName table, Dataset<Row> rows, String note) {
    var writer =
        FaultPoint.during(table.layer() + "-write", laidOut(table, rows))
            .write()
            .format("delta")
            .mode("overwrite")
            .option("overwriteSchema", "true")
            .partitionBy(table.partitionColumns().toArray(String[]::new));
    if (note != null) {
      writer = writer.option("userMetadata", note);
    }
    writer.save(path(table));
  }

  /**
   * Replaces the rows of {@code table} matching {@code condition} (a SQL predicate every row of
   * {@code rows} satisfies) with {@code rows}, in one commit noted {@code note}.
   */
  public void replaceWhere(TableName table, Dataset<Row> rows, String condition, String note) {
    var writer =
        FaultPoint.during(table.layer() + "-write", laidOut(table, rows))
            .write()
            .format("delta")
            .mode("overwrite")
            .option("replaceWhere", condition);
    if (note != null) {
      writer = writer.option("userMetadata", note);
    }
    writer.save(path(table));
  }

  /** {@code rows} gathered by the table's partition columns: one file per partition written. */
  private static Dataset<Row> laidOut(TableName table, Dataset<Row> rows) {
    List<String> by = table.partitionColumns();
    return by.isEmpty()
        ? rows
        : rows.repartition(by.stream().map(functions::col).toArray(Column[]::new));
  }

  /** The note recorded with the latest commit of {@code table}, if any. */
  public Optional<String> lastNote(TableName table) {
    if (!exists(table)) {
      return Optional.empty();
    }
    Row last = DeltaTable.forPath(spark, path(table)).history(1).select("userMetadata").first();
    return Optional.ofNullable(last.getString(0));
  }

  /**
   * Makes {@code table} hold exactly {@code rows} for every value of {@code groupColumn} that
   * {@code rows} or {@code retired} name, in one commit: rows of those groups that {@code rows} no
   * longer carries are deleted, the others inserted or updated by {@code keyColumns}.
   *
   * @param retired a frame with {@code groupColumn} naming groups whose rows must go even when
   *     {@code rows} has none for them
   */
  public void replaceGroups(
      TableName table,
      Dataset<Row> rows,
      String groupColumn,
      List<String> keyColumns,
      Dataset<Row> retired) {
    if (!exists(table)) {
      append(table, rows);
      return;
    }
    Dataset<Row> groups = rows.select(groupColumn).union(retired.select(groupColumn)).distinct();
    Column[] columns = Arrays.stream(rows.columns()).map(functions::col).toArray(Column[]::new);
    Column[] keys = keyColumns.stream().map(functions::col).toArray(Column[]::new);
    Dataset<Row> deletions =
        read(table)
            .join(functions.broadcast(groups), groupColumn)
            .select(columns)
            .join(rows.select(keys), SparkSessions.seq(keyColumns), "left_anti")
            .withColumn(DELETE_MARKER, functions.lit(true));
    Dataset<Row> source =
        FaultPoint.during(
            table.layer() + "-merge",
            rows.withColumn(DELETE_MARKER, functions.lit(false)).unionByName(deletions));
    Map<String, String> assignments =
        Arrays.stream(rows.columns())
            .collect(Collectors.toMap(c -> "`" + c + "`", c -> "s.`" + c + "`"));
    DeltaTable.forPath(spark, path(table))
        .as("t")
        .merge(source.as("s"), matchOn(keyColumns))
        .whenMatched("s." + DELETE_MARKER)
        .delete()
        .whenMatched()
        .updateExpr(assignments)
        .whenNotMatched("NOT s." + DELETE_MARKER)
        .insertExpr(assignments)
        .execute();
  }

  /** Inserts {@code rows} whose key is new and updates those whose key exists, in one commit. */
  public void upsert(TableName table, Dataset<Row> rows, List<String> keyColumns) {
    if (!exists(table)) {
      append(table, rows);
      return;
    }
    DeltaTable.forPath(spark, path(table))
        .as("t")
        .merge(FaultPoint.during(table.layer() + "-merge", rows).as("s"), matchOn(keyColumns))
        .whenMatched()
        .updateAll()
        .whenNotMatched()
        .insertAll()
        .execute();
  }

  /** Deletes the rows of {@code table} matching {@code condition}. */
  public void delete(TableName table, Column condition) {
    if (exists(table)) {
      DeltaTable.forPath(spark, path(table)).delete(condition);
    }
  }

  /**
   * Names every existing table in the session's catalog ({@code silver.dialogues} …), so that SQL
   * and notebooks can use the public names. The names are external tables: dropping a name, as this
   * does when the session named another warehouse before, never touches the data.
   */
  public void registerTables() {
    for (TableName table : TableName.all()) {
      spark.sql("CREATE DATABASE IF NOT EXISTS " + table.layer());
      spark.sql("DROP TABLE IF EXISTS " + table);
      if (exists(table)) {
        spark.sql(
            "CREATE TABLE "
                + table
                + " USING delta LOCATION '"
                + path(table).replace("'", "\\'")
                + "'");
      }
    }
  }

  private static String matchOn(List<String> keyColumns) {
    return keyColumns.stream()
        .map(k -> "t.`" + k + "` <=> s.`" + k + "`")
        .collect(Collectors.joining(" AND "));
  }

  private static String qualify(SparkSession spark, String root) {
    try {
      Path path = new Path(root);
      FileSystem fs = path.getFileSystem(spark.sparkContext().hadoopConfiguration());
      return fs.makeQualified(path).toString().replaceAll("/+$", "");
    } catch (IOException e) {
      throw new UncheckedIOException("Cannot open the warehouse at " + root, e);
    }
  }
}
