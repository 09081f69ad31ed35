package vn.danvan.ops;

import java.sql.Timestamp;
import java.util.List;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.RowFactory;

/**
 * One row of {@code ops.files}, on the driver.
 *
 * @param sourceFile path relative to the landing root
 * @param fileHash SHA-256 of the content
 * @param kind record kind, null when the path does not name one
 * @param reportingUnit unit that submitted it, null when the path does not say
 * @param periodKey period it reports on, null when the path does not say
 * @param submissionId {@code kind/unit/period}, null when the path does not say
 * @param sizeBytes size
 * @param modifiedAt modification time
 * @param firstSeenAt when the job first saw this content at this path
 * @param firstSeenRun the run that first saw it
 * @param status see {@link FileLedger}
 * @param rows data rows read (0 for a rejected file)
 * @param encoding how it was decoded
 * @param numberConvention the number convention its cells show
 * @param reasonCode why it was rejected or not ingested
 * @param reason the reason in words
 * @param refinedRun the run that refined it
 */
public record LedgerEntry(
    String sourceFile,
    String fileHash,
    String kind,
    String reportingUnit,
    String periodKey,
    String submissionId,
    long sizeBytes,
    Timestamp modifiedAt,
    Timestamp firstSeenAt,
    String firstSeenRun,
    String status,
    int rows,
    String encoding,
    String numberConvention,
    String reasonCode,
    String reason,
    String refinedRun) {

  /** The entry as a row of {@link FileLedger#SCHEMA}. */
  public Row toRow() {
    return RowFactory.create(
        sourceFile,
        fileHash,
        kind,
        reportingUnit,
        periodKey,
        submissionId,
        sizeBytes,
        modifiedAt,
        firstSeenAt,
        firstSeenRun,
        status,
        rows,
        encoding,
        numberConvention,
        reasonCode,
        reason,
        refinedRun);
  }

  /** The entry a ledger row holds. */
  public static LedgerEntry fromRow(Row r) {
    return new LedgerEntry(
        r.getAs("source_file"),
        r.getAs("file_hash"),
        r.getAs("kind"),
        r.getAs("reporting_unit"),
        r.getAs("period_key"),
        r.getAs("submission_id"),
        r.<Long>getAs("size_bytes"),
        r.getAs("modified_at"),
        r.getAs("first_seen_at"),
        r.getAs("first_seen_run"),
        r.getAs("status"),
        r.<Integer>getAs("rows"),
        r.getAs("encoding"),
        r.getAs("number_convention"),
        r.getAs("reason_code"),
        r.getAs("reason"),
        r.getAs("refined_run"));
  }

  /** The ledger's key: the file's path and the hash of its content. */
  public List<String> key() {
    return List.of(sourceFile, fileHash);
  }

  /**
   * This entry as the table gives it back: Delta keeps times to the microsecond, so a finer time is
   * cut to it.
   */
  public LedgerEntry stored() {
    return copy(sizeBytes, toMicros(modifiedAt), toMicros(firstSeenAt), status, refinedRun);
  }

  /** This entry with {@code status}, refined by {@code run} (null keeps the current value). */
  public LedgerEntry withStatus(String newStatus, String run) {
    return copy(sizeBytes, modifiedAt, firstSeenAt, newStatus, run == null ? refinedRun : run);
  }

  /** This entry with the size and modification time the same content now has on disk. */
  public LedgerEntry retimed(long size, Timestamp modified) {
    return copy(size, modified, firstSeenAt, status, refinedRun);
  }

  private LedgerEntry copy(
      long size, Timestamp modified, Timestamp firstSeen, String newStatus, String refined) {
    return new LedgerEntry(
        sourceFile,
        fileHash,
        kind,
        reportingUnit,
        periodKey,
        submissionId,
        size,
        modified,
        firstSeen,
        firstSeenRun,
        newStatus,
        rows,
        encoding,
        numberConvention,
        reasonCode,
        reason,
        refined);
  }

  private static Timestamp toMicros(Timestamp t) {
    if (t == null || t.getNanos() % 1000 == 0) {
      return t;
    }
    Timestamp cut = new Timestamp(t.getTime());
    cut.setNanos(t.getNanos() - t.getNanos() % 1000);
    return cut;
  }
}
