package vn.danvan.warehouse;

import org.apache.spark.sql.SparkSession;

/** Builds the one SparkSession a command runs in, with Delta Lake and the project's settings. */
public final class SparkSessions {

  /** The time-travel window tables are created with (the default of time_travel_days). */
  static final int DEFAULT_TIME_TRAVEL_DAYS = 1830;

  private SparkSessions() {}

  /**
   * Returns a session for {@code master}; settings already given by {@code spark-submit} or {@code
   * --conf} win over the defaults set here.
   */
  public static SparkSession create(String master, String appName) {
    SparkSession.Builder builder =
        SparkSession.builder()
            .appName(appName)
            .config("spark.sql.extensions", "io.delta.sql.DeltaSparkSessionExtension")
            .config(
                "spark.sql.catalog.spark_catalog",
                "org.apache.spark.sql.delta.catalog.DeltaCatalog")
            .config("spark.sql.session.timeZone", "Asia/Ho_Chi_Minh")
            .config("spark.sql.ansi.enabled", "false")
            .config("spark.ui.enabled", "false")
            // Spark's progress bar only when a person watches a terminal.
            .config("spark.ui.showConsoleProgress", Boolean.toString(System.console() != null))
            .config("spark.sql.debug.maxToStringFields", "1000")
            // Reference tables and per-run deltas are small: a handful of partitions is enough.
            .config("spark.sql.shuffle.partitions", defaultShufflePartitions())
            .config("spark.databricks.delta.snapshotPartitions", "2")
            // Statistics for data skipping on the leading columns only: lineage in bronze and
            // silver (run id, submission), keys in gold. Writing stats for every column costs.
            .config("spark.databricks.delta.properties.defaults.dataSkippingNumIndexedCols", "10")
            .config("spark.databricks.delta.schema.autoMerge.enabled", "false")
            // Reader 1 / writer 2: tables every Delta reader opens (older Spark and Delta,
            // delta-kernel, delta-rs, DuckDB). No deletion vectors, column mapping or row tracking.
            .config("spark.databricks.delta.properties.defaults.enableDeletionVectors", "false")
            // Time travel must reach back as far as review packs must be reproducible; danvan
            // maintain sets each table to the province's time_travel_days.
            .config(
                "spark.databricks.delta.properties.defaults.logRetentionDuration",
                Maintenance.retention(DEFAULT_TIME_TRAVEL_DAYS))
            .config(
                "spark.databricks.delta.properties.defaults.deletedFileRetentionDuration",
                Maintenance.retention(DEFAULT_TIME_TRAVEL_DAYS))
            .config("spark.sql.catalogImplementation", "in-memory");
    if (master != null && !master.isBlank()) {
      builder = builder.master(master);
    }
    return builder.getOrCreate();
  }

  /** A Java list as the Scala sequence some Dataset methods take. */
  public static scala.collection.immutable.Seq<String> seq(java.util.List<String> values) {
    return scala.jdk.javaapi.CollectionConverters.asScala(values).toList();
  }

  private static String defaultShufflePartitions() {
    return Integer.toString(Math.max(2, Runtime.getRuntime().availableProcessors() * 2));
  }
}
