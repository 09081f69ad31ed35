package vn.danvan.cli;

import java.time.Instant;
import java.time.LocalDate;
import java.time.format.DateTimeParseException;
import org.apache.spark.sql.SparkSession;
import vn.danvan.errors.DanvanException;
import vn.danvan.job.JobContext;
import vn.danvan.ops.RunLedger;
import vn.danvan.reference.ReferenceData;
import vn.danvan.warehouse.Snapshot;
import vn.danvan.warehouse.SparkSessions;
import vn.danvan.warehouse.Storage;
import vn.danvan.warehouse.Warehouse;

/** Builds what a command needs from its options: the only place the CLI touches Spark. */
final class Jobs {

  private Jobs() {}

  /** A session for {@code options}: spark-submit's master wins over {@code --master}. */
  static SparkSession session(CommonOptions options, String command) {
    today(options.today); // a wrong --today fails before Spark starts
    String submitted = System.getProperty("spark.master");
    return SparkSessions.create(submitted != null ? null : options.master, "danvan " + command);
  }

  /** The context of one run of {@code command}. */
  static JobContext context(SparkSession spark, CommonOptions options) {
    Storage storage = new Storage(spark);
    Instant started = Instant.now();
    Warehouse warehouse = new Warehouse(spark, options.warehouse);
    return new JobContext(
        spark,
        warehouse,
        storage,
        storage.qualify(options.landing),
        options.out,
        ReferenceData.load(storage, storage.qualify(options.reference)),
        JobContext.newRunId(started),
        started,
        today(options.today),
        options.lang.name(),
        Snapshot.asOf(warehouse, options.asOf, JobContext.VIETNAM),
        new RunLedger(warehouse));
  }

  /** Today in Vietnam, or the earlier day {@code --today} names. */
  static LocalDate today(String given) {
    LocalDate now = LocalDate.now(JobContext.VIETNAM);
    if (given == null || given.isBlank()) {
      return now;
    }
    LocalDate day;
    try {
      day = LocalDate.parse(given.strip());
    } catch (DateTimeParseException e) {
      throw new DanvanException(
          "--today " + given + ": not a date (yyyy-MM-dd)", e, DanvanException.USAGE);
    }
    if (day.isAfter(now)) {
      throw new DanvanException(
          "--today " + given + " is after today (" + now + "): a run cannot see the future",
          null,
          DanvanException.USAGE);
    }
    return day;
  }
}
