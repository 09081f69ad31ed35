package vn.danvan.job;

import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.concurrent.ThreadLocalRandom;
import org.apache.spark.sql.SparkSession;
import vn.danvan.ops.RunLedger;
import vn.danvan.reference.ReferenceData;
import vn.danvan.warehouse.Snapshot;
import vn.danvan.warehouse.Storage;
import vn.danvan.warehouse.Warehouse;

/**
 * What every stage of one command needs: the session, the warehouse, the landing and output
 * locations, the reference data, and the run's identity and date.
 *
 * @param spark the session
 * @param warehouse the Delta tables
 * @param storage landing and reference files
 * @param landing the landing root
 * @param out where charts and review packs go
 * @param reference the reference data, read once
 * @param runId this run's id, ordered by start time
 * @param startedAt when this run started
 * @param today the run's date in Vietnam (dates after it are refused)
 * @param lang labels' language, {@code vi} or {@code en}
 * @param snapshot the state of the tables this command reads (the latest, or {@code --as-of})
 * @param ledger the file ledger as this command last read or wrote it ({@code new
 *     RunLedger(warehouse)} to start)
 */
public record JobContext(
    SparkSession spark,
    Warehouse warehouse,
    Storage storage,
    String landing,
    String out,
    ReferenceData reference,
    String runId,
    Instant startedAt,
    LocalDate today,
    String lang,
    Snapshot snapshot,
    RunLedger ledger) {

  /** Vietnam's time zone: run dates and record dates are Vietnamese dates. */
  public static final ZoneId VIETNAM = ZoneId.of("Asia/Ho_Chi_Minh");

  private static final DateTimeFormatter RUN_ID =
      DateTimeFormatter.ofPattern("yyyyMMdd'T'HHmmss'Z'").withZone(ZoneOffset.UTC);

  /** A new run id: its start time (so ids sort by time) and a random suffix. */
  public static String newRunId(Instant startedAt) {
    return RUN_ID.format(startedAt)
        + "-"
        + String.format("%06x", ThreadLocalRandom.current().nextInt(1 << 24));
  }
}
