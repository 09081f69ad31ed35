package vn.danvan.cli;

import java.time.Duration;
import java.util.List;
import java.util.concurrent.Callable;
import org.apache.spark.sql.SparkSession;
import picocli.CommandLine.Mixin;
import vn.danvan.job.JobContext;
import vn.danvan.job.Pipeline;
import vn.danvan.publish.PublishStage;

/** A command that runs stages of the pipeline. */
abstract class StageCommand implements Callable<Integer> {

  @Mixin CommonOptions options;

  /** The command's name in {@code ops.runs}. */
  abstract String name();

  /** The stages it runs. */
  abstract List<Pipeline.Stage> stages();

  /** True to recompute every period of gold. */
  boolean full() {
    return false;
  }

  /** What to publish. */
  PublishStage.Options publish() {
    return PublishStage.Options.latest();
  }

  @Override
  public Integer call() {
    if (stages().stream().noneMatch(Pipeline.Stage::readsPastState)) {
      options.refuseAsOf();
    }
    SparkSession spark = Jobs.session(options, name());
    JobContext ctx = Jobs.context(spark, options);
    Pipeline.run(
        ctx,
        name(),
        stages(),
        new Pipeline.Options(full(), publish(), Duration.ofMinutes(options.lockWaitMinutes)));
    System.out.println(Summary.of(ctx));
    return 0;
  }
}
