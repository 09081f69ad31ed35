package vn.danvan.job;

import java.time.Duration;
import java.util.List;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import vn.danvan.errors.DanvanException;
import vn.danvan.indicators.IndicatorsStage;
import vn.danvan.ingest.IngestStage;
import vn.danvan.ops.Ledger;
import vn.danvan.ops.RunLock;
import vn.danvan.ops.RunLog;
import vn.danvan.publish.PublishStage;
import vn.danvan.reference.ReferenceStage;
import vn.danvan.refine.RefineStage;
import vn.danvan.schema.RecordKinds;
import vn.danvan.warehouse.TableName;

/**
 * The scheduled job and its stages: reference → ingest → refine → indicators → publish. Each
 * command runs some of them and records one {@code ops.runs} row, succeeded or failed.
 */
public final class Pipeline {

  private static final Logger LOG = LoggerFactory.getLogger(Pipeline.class);

  /** The stages a command can run, in pipeline order. */
  public enum Stage {
    INGEST,
    REFINE,
    INDICATORS,
    PUBLISH;

    /** True for the stages a past state ({@code --as-of}) runs: it is computed from, never fed. */
    public boolean readsPastState() {
      return this == INDICATORS || this == PUBLISH;
    }
  }

  private Pipeline() {}

  /**
   * Runs {@code stages} in pipeline order under {@code command}'s name; the reference tables are
   * always brought up to date first.
   */
  public static RunLog.Entry run(JobContext ctx, String command, List<Stage> stages) {
    return run(ctx, command, stages, Options.DEFAULT);
  }

  /**
   * How a command runs its stages.
   *
   * @param full recompute every period of gold
   * @param publish what to publish
   * @param lockWait how long to wait for another run to release the warehouse
   */
  public record Options(boolean full, PublishStage.Options publish, Duration lockWait) {

    /** Incremental gold; packs of the latest complete quarter and year; wait an hour. */
    public static final Options DEFAULT =
        new Options(false, PublishStage.Options.latest(), Duration.ofHours(1));
  }

  /**
   * Runs {@code stages} with {@code options}. With a past snapshot ({@code --as-of}) nothing is
   * ingested or refined: gold and the pack come from that state.
   */
  public static RunLog.Entry run(
      JobContext ctx, String command, List<Stage> requested, Options options) {
    if (!requested.contains(Stage.INGEST)) {
      requireWarehouse(ctx); // only ingest starts one
    }
    if (ctx.snapshot().isPast()) {
      return runLocked(ctx, command, requested, options, () -> {}); // reads the past, writes none
    }
    try (RunLock lock = lock(ctx, options.lockWait())) {
      return runLocked(ctx, command, requested, options, lock::ensureHeld);
    }
  }

  /**
   * Fails, naming the folder, when {@code ctx}'s warehouse root holds no warehouse: a command that
   * does not ingest, given a folder without one, has most likely been given a mistyped {@code
   * --warehouse}, and must not start one there.
   */
  public static void requireWarehouse(JobContext ctx) {
    if (!ctx.warehouse().exists(TableName.RUNS)) {
      throw new DanvanException(
          "no warehouse under "
              + ctx.warehouse().root()
              + " (it has no ops.runs table): check --warehouse, or make one with danvan run");
    }
  }

  /**
   * Takes the warehouse's lock for {@code ctx}'s run, waiting up to {@code wait} for another run to
   * release it: every command that writes the warehouse holds it.
   */
  public static RunLock lock(JobContext ctx, Duration wait) {
    return RunLock.acquire(
        ctx.spark().sparkContext().hadoopConfiguration(),
        ctx.warehouse().root(),
        ctx.runId(),
        wait);
  }

  /**
   * Runs the stages; {@code stillHeld} fails once another run has taken the warehouse's lock over
   * (this one stalled): checked before each stage and before the run's outcome is recorded, so that
   * a run that lost the warehouse writes nothing more to it.
   */
  private static RunLog.Entry runLocked(
      JobContext ctx, String command, List<Stage> requested, Options options, Runnable stillHeld) {
    long started = System.nanoTime();
    List<Stage> stages =
        ctx.snapshot().isPast()
            ? requested.stream().filter(Stage::readsPastState).toList()
            : requested;
    IngestStage.Result ingest = new IngestStage.Result(0, 0, 0, 0, 0);
    RefineStage.Result refine = new RefineStage.Result(0, 0, 0, 0, 0, 0, 0);
    boolean gold = false;
    StageClock clock = new StageClock();
    try {
      if (stages.contains(Stage.INGEST)) {
        List<RunLog.Entry> unfinished = RunLog.unfinishedRuns(ctx.warehouse());
        List<String> undone =
            Ledger.recover(
                ctx.warehouse(),
                unfinished.stream().map(RunLog.Entry::runId).toList(),
                RecordKinds.names());
        if (!undone.isEmpty()) {
          LOG.warn("undid unfinished run(s) {}: their files will be read again", undone);
        }
        RunLog.started(ctx.warehouse(), ctx.runId(), command, ctx.startedAt(), unfinished);
      }
      stillHeld.run();
      new ReferenceStage().execute(ctx);
      clock.lap("reference");
      if (stages.contains(Stage.INGEST)) {
        stillHeld.run();
        if (stages.contains(Stage.REFINE)) {
          ctx.ledger().hold(); // the new files' entries are written once, with their outcome
        }
        ingest = new IngestStage().execute(ctx);
        clock.lap("ingest");
      }
      if (stages.contains(Stage.REFINE)) {
        stillHeld.run();
        refine = new RefineStage().execute(ctx);
        ctx.ledger().release();
        clock.lap("refine");
      }
      if (stages.contains(Stage.INDICATORS)) {
        stillHeld.run();
        gold =
            (options.full() ? IndicatorsStage.full() : IndicatorsStage.incremental())
                .execute(ctx)
                .computed();
        clock.lap("indicators");
      }
      if (stages.contains(Stage.PUBLISH)) {
        stillHeld.run();
        new PublishStage(options.publish()).execute(ctx);
        clock.lap("publish");
      }
      RunLog.Entry entry = entry(ctx, command, RunLog.SUCCEEDED, ingest, refine, gold, null);
      stillHeld.run();
      RunLog.record(ctx.warehouse(), entry);
      clock.lap("log");
      LOG.info("stage times: {}", clock);
      LOG.info(
          "{} {} in {} s: {} file(s) ingested ({} rejected), {} row(s) in, {} to silver, {} to"
              + " quarantine, {} superseded, {} retracted",
          command,
          RunLog.SUCCEEDED,
          String.format("%.1f", (System.nanoTime() - started) / 1e9),
          ingest.filesIngested(),
          ingest.filesRejected(),
          ingest.rowsIn(),
          refine.toSilver(),
          refine.toQuarantine(),
          refine.superseded(),
          refine.retracted());
      return entry;
    } catch (RuntimeException e) {
      ctx.ledger().abandon();
      try {
        stillHeld.run(); // a run that lost the lock leaves its outcome to the run holding it
        RunLog.record(
            ctx.warehouse(),
            entry(ctx, command, RunLog.FAILED, ingest, refine, gold, e.getMessage()));
      } catch (RuntimeException logFailure) {
        e.addSuppressed(logFailure);
      }
      throw e;
    }
  }

  /** Wall time of each stage, in the order they ran. */
  private static final class StageClock {
    private final StringBuilder laps = new StringBuilder();
    private long last = System.nanoTime();

    void lap(String stage) {
      long now = System.nanoTime();
      laps.append(laps.length() == 0 ? "" : ", ")
          .append(stage)
          .append(' ')
          .append(String.format(java.util.Locale.ROOT, "%.1f", (now - last) / 1e9))
          .append(" s");
      last = now;
    }

    @Override
    public String toString() {
      return laps.toString();
    }
  }

  private static RunLog.Entry entry(
      JobContext ctx,
      String command,
      String status,
      IngestStage.Result ingest,
      RefineStage.Result refine,
      boolean gold,
      String message) {
    return new RunLog.Entry(
        ctx.runId(),
        command,
        ctx.startedAt(),
        status,
        ingest.filesSeen(),
        ingest.filesIngested(),
        ingest.filesRejected(),
        ingest.filesDuplicate(),
        ingest.rowsIn(),
        refine.rowsRead(),
        refine.rowsRechecked(),
        refine.toSilver(),
        refine.toQuarantine(),
        refine.superseded(),
        refine.retracted(),
        gold,
        message);
  }
}
