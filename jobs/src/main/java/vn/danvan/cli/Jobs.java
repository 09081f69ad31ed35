package vn.danvan.cli;

import java.time.Instant;
import java.time.LocalDate;
import org.apache.spark.sql.SparkSession;
import vn.danvan.job.JobContext;
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
        LocalDate.now(JobContext.VIETNAM),
        options.lang,
        Snapshot.asOf(warehouse, options.asOf, JobContext.VIETNAM));
  }
}
