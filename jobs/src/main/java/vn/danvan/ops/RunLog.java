package vn.danvan.ops;

import java.sql.Timestamp;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.RowFactory;
import org.apache.spark.sql.types.DataTypes;
import org.apache.spark.sql.types.StructType;
import vn.danvan.warehouse.TableName;
import vn.danvan.warehouse.Warehouse;

/**
 * {@code ops.runs}: a row when a command starts ({@code running}) and one when it ends ({@code
 * succeeded} or {@code failed}), with the counts that prove nothing was lost; and one ({@code
 * undone}) when a later run has undone what a run that never succeeded left behind.
 */
public final class RunLog {

  public static final String RUNNING = "running";
  public static final String SUCCEEDED = "succeeded";
  public static final String FAILED = "failed";
  public static final String UNDONE = "undone";

  public static final StructType SCHEMA =
      DataTypes.createStructType(
          List.of(
              DataTypes.createStructField("run_id", DataTypes.StringType, false),
              DataTypes.createStructField("command", DataTypes.StringType, false),
              DataTypes.createStructField("started_at", DataTypes.TimestampType, false),
              DataTypes.createStructField("finished_at", DataTypes.TimestampType, false),
              DataTypes.createStructField("status", DataTypes.StringType, false),
              DataTypes.createStructField("files_seen", DataTypes.IntegerType, false),
              DataTypes.createStructField("files_ingested", DataTypes.IntegerType, false),
              DataTypes.createStructField("files_rejected", DataTypes.IntegerType, false),
              DataTypes.createStructField("files_duplicate", DataTypes.IntegerType, false),
              DataTypes.createStructField("rows_in", DataTypes.LongType, false),
              DataTypes.createStructField("rows_refined", DataTypes.LongType, false),
              DataTypes.createStructField("rows_rechecked", DataTypes.LongType, false),
              DataTypes.createStructField("rows_to_silver", DataTypes.LongType, false),
              DataTypes.createStructField("rows_to_quarantine", DataTypes.LongType, false),
              DataTypes.createStructField("rows_superseded", DataTypes.LongType, false),
              DataTypes.createStructField("rows_retracted", DataTypes.LongType, false),
              DataTypes.createStructField("gold_computed", DataTypes.BooleanType, false),
              DataTypes.createStructField("message", DataTypes.StringType, true)));

  /**
   * The counts of one run.
   *
   * @param runId the run
   * @param command the command that ran
   * @param startedAt when it started
   * @param status succeeded or failed
   * @param filesSeen files under the landing root
   * @param filesIngested files whose rows went to bronze
   * @param filesRejected files rejected as a whole
   * @param filesDuplicate files whose content was already known
   * @param rowsIn rows appended to bronze
   * @param rowsRefined rows of files refine read
   * @param rowsRechecked rows of current files refined again because what they refer to changed
   * @param rowsToSilver rows accepted into silver
   * @param rowsToQuarantine rows quarantined
   * @param rowsSuperseded rows of files replaced before they reached silver
   * @param rowsRetracted rows withdrawn from silver and quarantine because a later file came
   * @param goldComputed whether gold was recomputed
   * @param message the cause of a failure, else null
   */
  public record Entry(
      String runId,
      String command,
      Instant startedAt,
      String status,
      int filesSeen,
      int filesIngested,
      int filesRejected,
      int filesDuplicate,
      long rowsIn,
      long rowsRefined,
      long rowsRechecked,
      long rowsToSilver,
      long rowsToQuarantine,
      long rowsSuperseded,
      long rowsRetracted,
      boolean goldComputed,
      String message) {}

  private RunLog() {}

  /** Appends {@code entry}, finished now. */
  public static void record(Warehouse warehouse, Entry e) {
    warehouse.append(
        TableName.RUNS,
        warehouse.spark().createDataFrame(List.of(row(e, Timestamp.from(Instant.now()))), SCHEMA));
  }

  /**
   * Records that {@code runId} started {@code command} (its outcome is appended when it ends), and
   * that it has undone the runs {@code undone}, in one commit: from then on they are no longer
   * {@linkplain #unfinishedRuns unfinished}, so no later run undoes them again.
   */
  public static void started(
      Warehouse warehouse, String runId, String command, Instant startedAt, List<Entry> undone) {
    Timestamp now = Timestamp.from(Instant.now());
    List<Row> rows = new ArrayList<>();
    rows.add(row(withoutCounts(runId, command, startedAt, RUNNING, null), now));
    for (Entry u : undone) {
      String message = "undone by run " + runId + ": its files are read again";
      rows.add(row(withoutCounts(u.runId(), u.command(), u.startedAt(), UNDONE, message), now));
    }
    warehouse.append(TableName.RUNS, warehouse.spark().createDataFrame(rows, SCHEMA));
  }

  /**
   * The runs that started ingesting but never succeeded and that no later run has undone yet (died,
   * killed, or failed), in the order of their ids, without their counts. Only a run that ingests
   * records that it {@linkplain #started started}; a command that does not (refine, indicators,
   * publish, a past state) writes neither bronze nor new files' entries, so its failure is its
   * outcome and leaves nothing to undo.
   */
  public static List<Entry> unfinishedRuns(Warehouse warehouse) {
    if (!warehouse.exists(TableName.RUNS)) {
      return List.of();
    }
    Map<String, Entry> unfinished = new TreeMap<>();
    Set<String> settled = new HashSet<>();
    for (Row r :
        warehouse
            .read(TableName.RUNS)
            .select("run_id", "command", "started_at", "status")
            .collectAsList()) {
      String status = r.getString(3);
      if (SUCCEEDED.equals(status) || UNDONE.equals(status)) {
        settled.add(r.getString(0));
      } else if (RUNNING.equals(status)) {
        unfinished.putIfAbsent(
            r.getString(0),
            withoutCounts(
                r.getString(0), r.getString(1), r.getTimestamp(2).toInstant(), status, null));
      }
    }
    unfinished.keySet().removeAll(settled);
    return List.copyOf(unfinished.values());
  }

  private static Entry withoutCounts(
      String runId, String command, Instant startedAt, String status, String message) {
    return new Entry(
        runId, command, startedAt, status, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, false, message);
  }

  private static Row row(Entry e, Timestamp finishedAt) {
    return RowFactory.create(
        e.runId(),
        e.command(),
        Timestamp.from(e.startedAt()),
        finishedAt,
        e.status(),
        e.filesSeen(),
        e.filesIngested(),
        e.filesRejected(),
        e.filesDuplicate(),
        e.rowsIn(),
        e.rowsRefined(),
        e.rowsRechecked(),
        e.rowsToSilver(),
        e.rowsToQuarantine(),
        e.rowsSuperseded(),
        e.rowsRetracted(),
        e.goldComputed(),
        e.message());
  }
}
