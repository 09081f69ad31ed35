package vn.danvan.warehouse;

import java.util.LinkedHashMap;
import java.util.Map;
import org.apache.spark.SparkConf;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.SparkSession;

/** Builds the one SparkSession a command runs in, with Delta Lake and the project's settings. */
public final class SparkSessions {

  /** The time-travel window tables are created with (the default of time_travel_days). */
  static final int DEFAULT_TIME_TRAVEL_DAYS = 1830;

  private SparkSessions() {}

  /**
   * Returns a session for {@code master}. Delta's extension and catalog are always set; for every
   * other setting here, a value already given by {@code spark-submit --conf}, {@code
   * spark-defaults.conf} or {@code -Dspark.…} wins over the default.
   */
  public static SparkSession create(String master, String appName) {
    Map<String, String> defaults = new LinkedHashMap<>();
    defaults.put("spark.sql.session.timeZone", "Asia/Ho_Chi_Minh");
    defaults.put("spark.sql.ansi.enabled", "false");
    defaults.put("spark.ui.enabled", "false");
    // Spark's progress bar only when a person watches a terminal.
    defaults.put("spark.ui.showConsoleProgress", Boolean.toString(System.console() != null));
    defaults.put("spark.sql.debug.maxToStringFields", "1000");
    // Two shuffle partitions per core. Measured (README "Performance"): 64, or one per 10 000
    // recorded rows, made the sample run 35 % slower and the 1 M-record run's gold 28 % slower.
    defaults.put("spark.sql.shuffle.partitions", Integer.toString(Math.max(2, 2 * cores())));
    defaults.put("spark.databricks.delta.snapshotPartitions", "2");
    // Statistics for data skipping on the leading columns only: lineage in bronze and silver (run
    // id, submission), keys in gold. Writing stats for every column costs.
    defaults.put("spark.databricks.delta.properties.defaults.dataSkippingNumIndexedCols", "10");
    defaults.put("spark.databricks.delta.schema.autoMerge.enabled", "false");
    // Delta rebuilds a small table's whole state after every commit to check its checksum when
    // the session's time zone is not UTC (ours is Vietnam's): a guard for timestamp partition
    // values, and no table here is partitioned by a timestamp (TableName#partitionColumns). It
    // was a third of the test JVM's driver time in ResubmissionTest (JFR, 2026-11-23).
    defaults.put(
        "spark.databricks.delta.allFilesInCrc.verificationMode.forceOnNonUTC.enabled", "false");
    // A local warehouse without a chmod or readlink process per file and commit.
    defaults.put("spark.hadoop.fs.file.impl", ForklessLocalFileSystem.class.getName());
    defaults.put(
        "spark.hadoop.fs.AbstractFileSystem.file.impl",
        ForklessLocalFileSystem.Context.class.getName());
    // Reader 1 / writer 2: tables every Delta reader opens (older Spark and Delta, delta-kernel,
    // delta-rs, DuckDB). No deletion vectors, column mapping or row tracking.
    defaults.put("spark.databricks.delta.properties.defaults.enableDeletionVectors", "false");
    // Time travel must reach back as far as review packs must be reproducible; danvan maintain
    // sets each table to the province's time_travel_days.
    defaults.put(
        "spark.databricks.delta.properties.defaults.logRetentionDuration",
        Maintenance.retention(DEFAULT_TIME_TRAVEL_DAYS));
    defaults.put(
        "spark.databricks.delta.properties.defaults.deletedFileRetentionDuration",
        Maintenance.retention(DEFAULT_TIME_TRAVEL_DAYS));

    // Spark 4.2.0's executor heartbeat asks each running task's accumulators whether they are
    // zero, and one still being deserialised (an in-memory cache's statistics) throws: the
    // heartbeat thread dies for good, and on a cluster the executor is then declared lost
    // (SPARK-59451). Sent whole instead, such an accumulator fails that one heartbeat, with a
    // warning, and the next one goes.
    defaults.put("spark.executor.heartbeat.dropZeroAccumulatorUpdates", "false");

    SparkConf given = new SparkConf();
    SparkSession.Builder builder =
        SparkSession.builder()
            .appName(appName)
            .config("spark.sql.extensions", "io.delta.sql.DeltaSparkSessionExtension")
            .config(
                "spark.sql.catalog.spark_catalog",
                "org.apache.spark.sql.delta.catalog.DeltaCatalog")
            .config("spark.sql.catalogImplementation", "in-memory");
    defaults.forEach(
        (key, value) -> {
          if (!given.contains(key)) {
            builder.config(key, value);
          }
        });
    if (master != null && !master.isBlank()) {
      builder.master(master);
    }
    return builder.getOrCreate();
  }

  /** A Java list as the Scala sequence some Dataset methods take. */
  public static scala.collection.immutable.Seq<String> seq(java.util.List<String> values) {
    return scala.jdk.javaapi.CollectionConverters.asScala(values).toList();
  }

  private static int cores() {
    return Runtime.getRuntime().availableProcessors();
  }

  /**
   * The rows of {@code a} not in {@code b} and of {@code b} not in {@code a}, each as often as
   * their counts differ.
   */
  public static Dataset<Row> difference(Dataset<Row> a, Dataset<Row> b) {
    return a.exceptAll(b).unionByName(b.exceptAll(a));
  }
}
