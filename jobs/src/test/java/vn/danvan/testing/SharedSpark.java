package vn.danvan.testing;

import org.apache.spark.sql.SparkSession;
import vn.danvan.warehouse.SparkSessions;

/**
 * The one SparkSession every test class shares (a session costs seconds to start and Delta's first
 * operation ~10 s to warm up); small shuffles and snapshots keep each test fast.
 */
public final class SharedSpark {

  private static SparkSession session;

  private SharedSpark() {}

  /** The shared session, started on first use. */
  public static synchronized SparkSession get() {
    if (session == null) {
      // Given as -D, as spark-submit --conf would: SparkSessions keeps them over its defaults.
      System.setProperty("spark.sql.shuffle.partitions", "1");
      System.setProperty("spark.databricks.delta.snapshotPartitions", "1");
      // Test data is tiny: compiling generated code costs more than it saves (measured: a tiny
      // pipeline run 70 s → 52 s). Production keeps Spark's defaults.
      System.setProperty("spark.sql.codegen.wholeStage", "false");
      System.setProperty("spark.sql.codegen.factoryMode", "NO_CODEGEN");
      session = SparkSessions.create("local[2]", "danvan-tests");
    }
    return session;
  }
}
