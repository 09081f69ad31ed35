package vn.danvan.bench;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Locale;
import org.apache.hadoop.fs.FileSystem;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.SparkSession;
import vn.danvan.warehouse.SparkSessions;

/**
 * Small Delta writes to a local warehouse, as a run makes dozens of: a 2 000-row table of seven
 * partitions overwritten and appended to, {@code WARM_UP + MEASURED} times in new tables. Prints
 * the mean seconds of the measured pairs, and the local file system the session used. Started by
 * {@code bin/bench --local-writes} once with the job's settings and once with Hadoop's own local
 * file system ({@code -Dspark.hadoop.fs.file.impl=…}).
 */
public final class LocalWrites {

  static final int WARM_UP = 20;
  static final int MEASURED = 40;

  private LocalWrites() {}

  /** Argument: the folder to write the tables under (emptied first by the caller). */
  public static void main(String[] args) throws Exception {
    Path root = Files.createDirectories(Path.of(args[0]));
    SparkSession spark = SparkSessions.create("local[*]", "danvan-bench-local-writes");
    Dataset<Row> rows =
        spark
            .range(0, 2000)
            .selectExpr("id", "cast(id % 7 as string) as k", "id * 1.5 as v")
            .repartition(4)
            .cache();
    rows.count();
    double measured = 0;
    for (int i = 0; i < WARM_UP + MEASURED; i++) {
      String table = root.resolve("t" + i).toUri().toString();
      long started = System.nanoTime();
      rows.write().format("delta").partitionBy("k").mode("overwrite").save(table);
      rows.write().format("delta").partitionBy("k").mode("append").save(table);
      if (i >= WARM_UP) {
        measured += (System.nanoTime() - started) / 1e9;
      }
    }
    String fileSystem =
        FileSystem.get(root.toUri(), spark.sparkContext().hadoopConfiguration())
            .getClass()
            .getSimpleName();
    System.out.printf(
        Locale.ROOT,
        "%.3f s per overwrite + append (mean of %d, after %d), %s%n",
        measured / MEASURED,
        MEASURED,
        WARM_UP,
        fileSystem);
    spark.stop();
  }
}
