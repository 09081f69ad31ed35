package vn.danvan.refine;

import static org.apache.spark.sql.functions.broadcast;
import static org.apache.spark.sql.functions.col;
import static org.apache.spark.sql.functions.size;

import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.stream.Collectors;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Encoders;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.RowFactory;
import org.apache.spark.sql.types.DataTypes;
import org.apache.spark.sql.types.StructType;
import org.apache.spark.storage.StorageLevel;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import vn.danvan.errors.DanvanException;
import vn.danvan.job.JobContext;
import vn.danvan.ops.FileLedger;
import vn.danvan.ops.Ledger;
import vn.danvan.ops.LedgerEntry;
import vn.danvan.reference.UnitDirectory;
import vn.danvan.reference.Vocabulary;
import vn.danvan.schema.Lineage;
import vn.danvan.schema.RecordKind;
import vn.danvan.schema.RecordKinds;
import vn.danvan.schema.TableSchemas;
import vn.danvan.warehouse.SparkSessions;
import vn.danvan.warehouse.TableName;
import vn.danvan.warehouse.Warehouse;

/**
 * {@code bronze.<kind>} → {@code silver.<kind>} and {@code silver.quarantine}: for every submission
 * with a new file, its current file's rows replace the submission's rows wholly, each row landing
 * in silver or in quarantine with its reasons; the counts must add up or the run fails.
 */
public final class RefineStage {

  private static final Logger LOG = LoggerFactory.getLogger(RefineStage.class);
  private static final List<String> ROW_KEY = List.of(Lineage.SUBMISSION_ID, Lineage.SOURCE_ROW);

  /**
   * What one refine did.
   *
   * @param submissions submissions whose state changed
   * @param rowsRead rows of the files waiting for refine
   * @param toSilver rows accepted into silver
   * @param toQuarantine rows sent to quarantine
   * @param superseded rows of waiting files replaced by a later file before reaching silver
   * @param retracted rows of earlier files withdrawn because a later file replaced them
   */
  public record Result(
      int submissions,
      long rowsRead,
      long toSilver,
      long toQuarantine,
      long superseded,
      long retracted) {

    static final Result NOTHING = new Result(0, 0, 0, 0, 0, 0);
  }

  /** Refines every submission that has a file waiting. */
  public Result execute(JobContext ctx) {
    long started = System.nanoTime();
    Ledger ledger = Ledger.read(ctx.warehouse());
    SubmissionPlan plan = SubmissionPlan.of(ledger.entries());
    if (plan.isEmpty()) {
      LOG.info("refine: nothing new");
      return Result.NOTHING;
    }
    UnitDirectory units = ctx.reference().units();
    Vocabulary vocabulary = ctx.reference().vocabulary();
    long toSilver = 0;
    long toQuarantine = 0;
    for (RecordKind kind : RecordKinds.all()) {
      List<LedgerEntry> files =
          plan.toRefine().stream().filter(e -> kind.name().equals(e.kind())).toList();
      Set<String> touched =
          plan.touched().stream()
              .filter(s -> s.startsWith(kind.name() + "/"))
              .collect(Collectors.toSet());
      if (touched.isEmpty()) {
        continue;
      }
      RowRefiner refiner =
          new RowRefiner(
              kind, units, vocabulary, ctx.reference().settings().periodScheme(), ctx.today());
      long[] counts = refineKind(ctx, kind, files, touched, refiner);
      toSilver += counts[0];
      toQuarantine += counts[1];
      LOG.info(
          "refine {}: {} submission(s), {} row(s) to silver, {} to quarantine, {} s",
          kind.name(),
          touched.size(),
          counts[0],
          counts[1],
          String.format("%.1f", (System.nanoTime() - started) / 1e9));
    }
    Result result =
        new Result(
            plan.touched().size(),
            plan.rowsToRefine() + plan.rowsSuperseded(),
            toSilver,
            toQuarantine,
            plan.rowsSuperseded(),
            plan.rowsRetracted());
    checkAccounting(result);
    recordOutcome(ctx, plan);
    return result;
  }

  /** Refines one kind's files; returns rows to silver and rows to quarantine. */
  private long[] refineKind(
      JobContext ctx,
      RecordKind kind,
      List<LedgerEntry> files,
      Set<String> touched,
      RowRefiner refiner) {
    Warehouse warehouse = ctx.warehouse();
    Dataset<Row> bronze = pendingBronze(warehouse, kind, files);
    Dataset<Row> refined = Refinement.withRowChecks(bronze, refiner);
    refined = Refinement.withRules(refined, kind, ctx.today());
    refined = Refinement.withDuplicateIds(refined);
    if (!kind.namesCommune()) {
      refined =
          Refinement.withDialogueUnits(
              refined,
              warehouse.readOrEmpty(
                  TableName.silver("dialogues"), TableSchemas.silver(RecordKinds.of("dialogues"))));
    }
    refined = refined.persist(StorageLevel.MEMORY_AND_DISK());
    try {
      long quarantined = 0;
      long accepted = 0;
      for (Row r :
          refined.groupBy(size(col(TableSchemas.ERRORS)).gt(0).as("q")).count().collectAsList()) {
        if (r.getBoolean(0)) {
          quarantined = r.getLong(1);
        } else {
          accepted = r.getLong(1);
        }
      }
      Dataset<Row> retired = submissions(ctx, touched);
      warehouse.replaceGroups(
          TableName.silver(kind.name()),
          Refinement.silverRows(refined, kind),
          Lineage.SUBMISSION_ID,
          ROW_KEY,
          retired);
      warehouse.replaceGroups(
          TableName.QUARANTINE,
          Refinement.quarantineRows(refined, kind),
          Lineage.SUBMISSION_ID,
          ROW_KEY,
          retired);
      return new long[] {accepted, quarantined};
    } finally {
      refined.unpersist();
    }
  }

  /** The bronze rows of {@code files}, read through the run ids that wrote them (data skipping). */
  private static Dataset<Row> pendingBronze(
      Warehouse warehouse, RecordKind kind, List<LedgerEntry> files) {
    TableName table = TableName.bronze(kind.name());
    if (files.isEmpty()) {
      return warehouse.spark().createDataFrame(List.of(), TableSchemas.bronze(kind));
    }
    Object[] runs = files.stream().map(LedgerEntry::firstSeenRun).distinct().toArray();
    List<Row> keys =
        files.stream().map(e -> RowFactory.create(e.sourceFile(), e.fileHash())).toList();
    StructType keySchema =
        DataTypes.createStructType(
            List.of(
                DataTypes.createStructField(Lineage.SOURCE_FILE, DataTypes.StringType, false),
                DataTypes.createStructField(Lineage.FILE_HASH, DataTypes.StringType, false)));
    Dataset<Row> wanted = warehouse.spark().createDataFrame(keys, keySchema);
    return warehouse
        .read(table)
        .filter(col(Lineage.RUN_ID).isin(runs))
        .join(
            broadcast(wanted),
            SparkSessions.seq(List.of(Lineage.SOURCE_FILE, Lineage.FILE_HASH)),
            "left_semi");
  }

  private static Dataset<Row> submissions(JobContext ctx, Set<String> touched) {
    return ctx.spark()
        .createDataset(new ArrayList<>(touched), Encoders.STRING())
        .toDF(Lineage.SUBMISSION_ID);
  }

  private static void checkAccounting(Result r) {
    if (r.rowsRead() != r.toSilver() + r.toQuarantine() + r.superseded()) {
      throw new DanvanException(
          String.format(
              "Row accounting failed: %d row(s) read but %d to silver + %d to quarantine + %d"
                  + " superseded; the warehouse may be damaged, run 'danvan status' and report it",
              r.rowsRead(), r.toSilver(), r.toQuarantine(), r.superseded()));
    }
  }

  private static void recordOutcome(JobContext ctx, SubmissionPlan plan) {
    List<LedgerEntry> changes = new ArrayList<>();
    plan.toRefine().forEach(e -> changes.add(e.withStatus(FileLedger.CURRENT, ctx.runId())));
    plan.superseded().forEach(e -> changes.add(e.withStatus(FileLedger.SUPERSEDED, ctx.runId())));
    plan.retracted().forEach(e -> changes.add(e.withStatus(FileLedger.SUPERSEDED, null)));
    Ledger.write(ctx.warehouse(), changes);
  }
}
