package vn.danvan.cli;

import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.concurrent.Callable;
import org.apache.spark.sql.SparkSession;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import vn.danvan.job.JobContext;
import vn.danvan.job.Pipeline;
import vn.danvan.ops.RunLock;
import vn.danvan.warehouse.Maintenance;

/** Retention, compaction and vacuum: the weekly housekeeping of the warehouse. */
@Command(
    name = "maintain",
    mixinStandardHelpOptions = true,
    description =
        "Sets every table's time-travel window to time_travel_days, compacts small files"
            + " (OPTIMIZE) and removes data files no version inside the window needs (VACUUM).")
final class MaintainCommand implements Callable<Integer> {

  @Mixin CommonOptions options;

  @Override
  public Integer call() {
    options.refuseAsOf();
    SparkSession spark = Jobs.session(options, "maintain");
    JobContext ctx = Jobs.context(spark, options);
    Pipeline.requireWarehouse(ctx);
    PrintStream out = new PrintStream(System.out, true, StandardCharsets.UTF_8);
    try (RunLock lock = Pipeline.lock(ctx, Duration.ofMinutes(options.lockWaitMinutes))) {
      int days = ctx.reference().settings().timeTravelDays();
      for (Maintenance.Outcome o : Maintenance.run(ctx.warehouse(), days)) {
        out.printf("%-26s %6d data file(s) → %d%n", o.table(), o.filesBefore(), o.filesAfter());
      }
      out.println("time travel kept for " + days + " day(s)");
    }
    return 0;
  }
}
