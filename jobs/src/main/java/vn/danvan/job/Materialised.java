package vn.danvan.job;

import org.apache.spark.rdd.RDD;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.execution.LogicalRDD;
import org.apache.spark.storage.StorageLevel;

/**
 * A frame computed once and held on the executors' local disk as a plan of one node, until closed.
 *
 * <p>Spark analyses a frame's whole plan again at every transformation and optimises it again at
 * every query, so a long chain of steps pays for its first steps many times over: measured on the
 * driver of a nation's nightly run, a few tenths of a second per transformation on gold's plan.
 * What follows a materialised frame is analysed and optimised on its own. Unlike {@code persist},
 * the frame is computed when made, and it is lost with an executor that holds part of it (a run
 * that fails so is run again).
 */
public final class Materialised implements AutoCloseable {

  private final Dataset<Row> frame;
  private final RDD<?> rows;

  private Materialised(Dataset<Row> frame, RDD<?> rows) {
    this.frame = frame;
    this.rows = rows;
  }

  /**
   * Computes {@code frame} now. On disk, serialised, not in memory: a checkpoint keeps rows, not a
   * cache's compressed columns, and a full recompute's commune figures at 10 M records (~1 GB a
   * partition) held in memory and disk were read back into memory block after block until the 3 GiB
   * heap ran out (2026-12-02); read from disk they stream.
   */
  public static Materialised of(Dataset<Row> frame) {
    Dataset<Row> kept = frame.localCheckpoint(true, StorageLevel.DISK_ONLY());
    return new Materialised(kept, ((LogicalRDD) kept.queryExecution().logical()).rdd());
  }

  /** The computed rows, as a frame whose plan starts here. */
  public Dataset<Row> frame() {
    return frame;
  }

  /** Frees the rows; {@link #frame} must not be used after. */
  @Override
  public void close() {
    rows.unpersist(false);
  }
}
