package vn.danvan.testing;

import java.util.Map;
import java.util.function.Supplier;
import org.apache.spark.sql.RuntimeConfig;
import org.apache.spark.sql.SparkSession;
import vn.danvan.warehouse.SparkSessions;

/**
 * The one SparkSession every test class shares (a session costs seconds to start and Delta's first
 * operation ~10 s to warm up); small shuffles and snapshots keep each test fast.
 */
public final class SharedSpark {

  private static final String WHOLE_STAGE = "spark.sql.codegen.wholeStage";
  private static final String FACTORY_MODE = "spark.sql.codegen.factoryMode";
  private static final String SHUFFLE_PARTITIONS = "spark.sql.shuffle.partitions";

  private static SparkSession session;

  private SharedSpark() {}

  /** The shared session, started on first use. */
  public static synchronized SparkSession get() {
    if (session == null) {
      // Given as -D, as spark-submit --conf would: SparkSessions keeps them over its defaults.
      System.setProperty(SHUFFLE_PARTITIONS, "1");
      System.setProperty("spark.databricks.delta.snapshotPartitions", "1");
      // Test data is tiny: compiling generated code costs more than it saves (measured: a tiny
      // pipeline run 70 s → 52 s). Production keeps Spark's defaults.
      System.setProperty(WHOLE_STAGE, "false");
      System.setProperty(FACTORY_MODE, "NO_CODEGEN");
      // Heartbeats every 2 s rather than 10: HeartbeatTest watches them in seconds, not minutes.
      System.setProperty("spark.executor.heartbeatInterval", "2s");
      session = SparkSessions.create("local[2]", "danvan-tests");
    }
    return session;
  }

  /**
   * Runs {@code work} with the settings of a production run on this machine: Spark's generated code
   * and two shuffle partitions per core. For data the size of the sample province they pay for
   * themselves.
   */
  public static <T> T asInProduction(Supplier<T> work) {
    RuntimeConfig conf = get().conf();
    Map<String, String> production =
        Map.of(
            WHOLE_STAGE, "true",
            FACTORY_MODE, "FALLBACK",
            SHUFFLE_PARTITIONS, Integer.toString(2 * Runtime.getRuntime().availableProcessors()));
    production.forEach(conf::set);
    try {
      return work.get();
    } finally {
      production.keySet().forEach(key -> conf.set(key, System.getProperty(key)));
    }
  }
}
