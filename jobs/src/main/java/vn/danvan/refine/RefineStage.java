package vn.danvan.refine;

import static org.apache.spark.sql.functions.broadcast;
import static org.apache.spark.sql.functions.col;
import static org.apache.spark.sql.functions.not;
import static org.apache.spark.sql.functions.size;

import java.util.ArrayList;
import java.util.Collections;
import java.util.HashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.Callable;
import java.util.stream.Collectors;
import java.util.stream.Stream;
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
import vn.danvan.job.Parallel;
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
  // What a refined row costs while kinds are refined side by side, with its checks and the
  // sorts and joins that place it: about 1 KiB (1 M rows ran side by side in a 3 GiB heap, 8.8 M
  // did not).
  private static final long BYTES_PER_REFINED_ROW = 1024;
  private static final List<String> ROW_KEY = List.of(Lineage.SUBMISSION_ID, Lineage.SOURCE_ROW);
  // A landing file's content: its path and hash, as ledger entries and lineage columns name it.
  private static final StructType FILE_KEY =
      DataTypes.createStructType(
          List.of(
              DataTypes.createStructField(Lineage.SOURCE_FILE, DataTypes.StringType, false),
              DataTypes.createStructField(Lineage.FILE_HASH, DataTypes.StringType, false)));

  /**
   * What one refine did.
   *
   * @param submissions submissions whose state changed
   * @param rowsRead rows of the files waiting for refine
   * @param rowsRechecked rows of current files refined again because what they refer to changed
   * @param toSilver rows accepted into silver
   * @param toQuarantine rows sent to quarantine
   * @param superseded rows of waiting files replaced by a later file before reaching silver
   * @param retracted rows of earlier files withdrawn because a later file replaced them
   */
  public record Result(
      int submissions,
      long rowsRead,
      long rowsRechecked,
      long toSilver,
      long toQuarantine,
      long superseded,
      long retracted) {

    static final Result NOTHING = new Result(0, 0, 0, 0, 0, 0, 0);
  }

  /** Refines every submission that has a file waiting. */
  public Result execute(JobContext ctx) {
    long started = System.nanoTime();
    Ledger ledger = ctx.ledger().current();
    SubmissionPlan plan =
        SubmissionPlan.of(
            ledger.entries(),
            ctx.reference().settings().periodScheme(),
            files -> quarantined(ctx.warehouse(), files));
    if (plan.isEmpty()) {
      LOG.info("refine: nothing new");
      return Result.NOTHING;
    }
    UnitDirectory units = ctx.reference().units();
    Vocabulary vocabulary = ctx.reference().vocabulary();
    List<KindOutcome> outcomes = new ArrayList<>();
    List<LedgerEntry> notRechecked = Collections.synchronizedList(new ArrayList<>());
    SubmissionPlan done = plan;
    try {
      // Kinds that place their rows through another kind's records wait for it; the rest overlap.
      List<Callable<List<KindOutcome>>> chains = new ArrayList<>();
      for (RecordKind head : RecordKinds.all()) {
        if (!head.namesCommune()) {
          continue;
        }
        List<RecordKind> chain = new ArrayList<>(List.of(head));
        RecordKinds.all().stream()
            .filter(k -> k.unitSource().equals(head.name()))
            .forEach(chain::add);
        chains.add(() -> refineChain(ctx, plan, chain, units, vocabulary, started, notRechecked));
      }
      // Each kind keeps its refined rows in memory until quarantine is written: kinds overlap
      // only while their rows fit a small part of the heap (a nation's history, four kinds at
      // once, ran a 3 GiB heap out of memory).
      long rows = plan.rowsToRefine() + plan.rowsRechecked();
      boolean together = rows * BYTES_PER_REFINED_ROW <= Runtime.getRuntime().maxMemory();
      if (!together) {
        LOG.info("refine: {} row(s), kinds refined one after another", rows);
      }
      (together ? Parallel.run(chains) : Parallel.runInline(chains)).forEach(outcomes::addAll);
      done = plan.withoutRechecks(notRechecked);
      // Every kind's quarantined rows in one commit.
      ctx.warehouse()
          .replaceGroups(
              TableName.QUARANTINE,
              outcomes.stream()
                  .map(KindOutcome::quarantine)
                  .reduce(Dataset::unionByName)
                  .orElseThrow(),
              ROW_KEY,
              done.touched(),
              outcomes.stream().mapToLong(KindOutcome::toQuarantine).sum());
    } finally {
      outcomes.forEach(o -> o.refined().unpersist());
    }
    long toSilver = outcomes.stream().mapToLong(KindOutcome::toSilver).sum();
    long toQuarantine = outcomes.stream().mapToLong(KindOutcome::toQuarantine).sum();
    Result result =
        new Result(
            done.touched().size(),
            done.rowsToRefine() + done.rowsSuperseded(),
            done.rowsRechecked(),
            toSilver,
            toQuarantine,
            done.rowsSuperseded(),
            done.rowsRetracted());
    checkAccounting(result);
    recordOutcome(ctx, done);
    return result;
  }

  /**
   * Refines a kind naming communes, then the kinds placed through its records. Their files that
   * {@code plan} checks again because its records changed are checked again only in the units where
   * what the placement reads of them changed (a corrected attendance moves no petition); the others
   * are added to {@code notRechecked}.
   */
  private static List<KindOutcome> refineChain(
      JobContext ctx,
      SubmissionPlan plan,
      List<RecordKind> chain,
      UnitDirectory units,
      Vocabulary vocabulary,
      long started,
      List<LedgerEntry> notRechecked) {
    RecordKind head = chain.get(0);
    Set<String> placed = chain.stream().skip(1).map(RecordKind::name).collect(Collectors.toSet());
    boolean rechecks = plan.rechecked().stream().anyMatch(e -> placed.contains(e.kind()));
    List<KindOutcome> done = new ArrayList<>();
    Optional<KindOutcome> first = refineKind(ctx, plan, head, units, vocabulary, started, rechecks);
    first.ifPresent(done::add);
    // Unknown (the head refined nothing): every re-check stands.
    Set<String> moved = first.map(KindOutcome::movedUnits).orElse(null);
    for (RecordKind kind : chain.subList(1, chain.size())) {
      List<LedgerEntry> left =
          moved == null
              ? List.of()
              : plan.rechecked().stream()
                  .filter(e -> kind.name().equals(e.kind()))
                  .filter(e -> !moved.contains(e.reportingUnit()))
                  .toList();
      if (!left.isEmpty()) {
        notRechecked.addAll(left);
        LOG.info(
            "refine {}: {} file(s) not checked again: the {} they refer to are placed as before",
            kind.name(),
            left.size(),
            head.name());
      }
      refineKind(ctx, plan.withoutRechecks(left), kind, units, vocabulary, started, false)
          .ifPresent(done::add);
    }
    return done;
  }

  /**
   * What refining one kind produced; {@code refined} stays cached until quarantine is written.
   * {@code movedUnits}: the reporting units whose records, as the kinds placed through them read
   * them, changed; null when not asked.
   */
  private record KindOutcome(
      Dataset<Row> refined,
      Dataset<Row> quarantine,
      long toSilver,
      long toQuarantine,
      Set<String> movedUnits) {}

  /**
   * Refines the touched submissions of {@code kind} and writes its silver table; with {@code
   * notePlacement}, first notes which units' placement of other kinds' records it moves.
   */
  private static Optional<KindOutcome> refineKind(
      JobContext ctx,
      SubmissionPlan plan,
      RecordKind kind,
      UnitDirectory units,
      Vocabulary vocabulary,
      long started,
      boolean notePlacement) {
    Set<String> touched =
        plan.touched().stream()
            .filter(s -> s.startsWith(kind.name() + "/"))
            .collect(Collectors.toSet());
    if (touched.isEmpty()) {
      return Optional.empty();
    }
    List<LedgerEntry> files =
        Stream.concat(plan.toRefine().stream(), plan.rechecked().stream())
            .filter(e -> kind.name().equals(e.kind()))
            .toList();
    RowRefiner refiner =
        new RowRefiner(
            kind, units, vocabulary, ctx.reference().settings().periodScheme(), ctx.today());
    Dataset<Row> bronze = pendingBronze(ctx.warehouse(), kind, files);
    // Computed first, so that the planner knows how few they are and sends them to every refined
    // row rather than moving all the rows to meet them (2.6 GiB of a nation's petitions). Cached,
    // not checkpointed (Materialised): a filled cache is what tells the planner its real size.
    Dataset<Row> repeated = Refinement.repeatedIds(bronze).persist(StorageLevel.MEMORY_AND_DISK());
    Dataset<Row> refined;
    long[] counts;
    try {
      repeated.count();
      refined =
          refined(ctx, kind, bronze, files, touched, refiner, repeated)
              .persist(StorageLevel.MEMORY_AND_DISK());
      counts = countsOf(refined);
    } finally {
      // The refined rows are cached by now and no longer read it.
      repeated.unpersist();
    }
    Dataset<Row> silverRows = Refinement.silverRows(refined, kind);
    Set<String> moved =
        notePlacement
            ? unitsPlacedOtherwise(ctx.warehouse(), kind, silverRows, touched, plan.recorded())
            : null;
    ctx.warehouse()
        .replaceGroups(TableName.silver(kind.name()), silverRows, ROW_KEY, touched, counts[0]);
    LOG.info(
        "refine {}: {} submission(s), {} row(s) to silver, {} to quarantine, {} s",
        kind.name(),
        touched.size(),
        counts[0],
        counts[1],
        String.format("%.1f", (System.nanoTime() - started) / 1e9));
    return Optional.of(
        new KindOutcome(
            refined, Refinement.quarantineRows(refined, kind), counts[0], counts[1], moved));
  }

  /**
   * The reporting units where {@code silverRows}, replacing silver's rows of the {@code touched}
   * submissions, change what placing another kind's records reads ({@link Refinement#placement});
   * null, every unit, when the kind has no silver table yet. A unit with rows there from a file not
   * {@code recorded} counts as changed: a refine that died before recording its outcome wrote them,
   * and what was placed through the unit's records before it cannot be told from silver.
   */
  private static Set<String> unitsPlacedOtherwise(
      Warehouse warehouse,
      RecordKind kind,
      Dataset<Row> silverRows,
      Set<String> touched,
      List<LedgerEntry> recorded) {
    TableName table = TableName.silver(kind.name());
    if (!warehouse.exists(table)) {
      return null;
    }
    Dataset<Row> before = warehouse.readGroups(table, touched);
    Dataset<Row> unrecorded =
        byFiles(
                before,
                recorded.stream().filter(e -> kind.name().equals(e.kind())).toList(),
                "left_anti")
            .select(Lineage.REPORTING_UNIT);
    return new HashSet<>(
        SparkSessions.difference(Refinement.placement(before), Refinement.placement(silverRows))
            .select(Lineage.REPORTING_UNIT)
            .union(unrecorded)
            .distinct()
            .as(Encoders.STRING())
            .collectAsList());
  }

  /**
   * The {@code bronze} rows of {@code files}, typed, with every check they fail listed; {@code
   * repeated}: their {@link Refinement#repeatedIds}.
   */
  private static Dataset<Row> refined(
      JobContext ctx,
      RecordKind kind,
      Dataset<Row> bronze,
      List<LedgerEntry> files,
      Set<String> touched,
      RowRefiner refiner,
      Dataset<Row> repeated) {
    Warehouse warehouse = ctx.warehouse();
    Dataset<Row> refined = Refinement.withRowChecks(bronze, refiner);
    refined = Refinement.withRules(refined, kind, ctx.today());
    refined = Refinement.withDuplicateIds(refined, repeated);
    if (kind.lifecycleColumn() != null) {
      Dataset<Row> earlier =
          warehouse
              .readOrEmpty(TableName.silver(kind.name()), TableSchemas.silver(kind))
              .filter(not(col(Lineage.SUBMISSION_ID).isin(touched.toArray())));
      refined = Refinement.withLifecycle(refined, kind, earlier);
    }
    if (!kind.namesCommune()) {
      RecordKind source = RecordKinds.of(kind.unitSource());
      // A record is placed through its own unit's records only: those units' rows are read, from
      // the files whose submission range holds them (data skipping).
      Object[] reporting = files.stream().map(LedgerEntry::reportingUnit).distinct().toArray();
      refined =
          Refinement.withDialogueUnits(
              refined,
              warehouse
                  .readOrEmpty(TableName.silver(source.name()), TableSchemas.silver(source))
                  .filter(col(Lineage.REPORTING_UNIT).isin(reporting)));
    }
    return refined;
  }

  /**
   * The submissions with rows in quarantine among {@code files}' kinds and units, read by kind and
   * unit (columns Delta keeps statistics on).
   */
  private static Set<String> quarantined(Warehouse warehouse, List<LedgerEntry> files) {
    Object[] kinds = files.stream().map(LedgerEntry::kind).distinct().toArray();
    Object[] units = files.stream().map(LedgerEntry::reportingUnit).distinct().toArray();
    return new HashSet<>(
        warehouse
            .readOrEmpty(TableName.QUARANTINE, TableSchemas.QUARANTINE)
            .filter(col("kind").isin(kinds).and(col(Lineage.REPORTING_UNIT).isin(units)))
            .select(Lineage.SUBMISSION_ID)
            .distinct()
            .as(Encoders.STRING())
            .collectAsList());
  }

  /** Rows to silver and rows to quarantine, in one pass. */
  private static long[] countsOf(Dataset<Row> refined) {
    long[] counts = new long[2];
    for (Row r : refined.groupBy(size(col(TableSchemas.ERRORS)).gt(0)).count().collectAsList()) {
      counts[r.getBoolean(0) ? 1 : 0] = r.getLong(1);
    }
    return counts;
  }

  /** The bronze rows of {@code files}, read through the run ids that wrote them (data skipping). */
  private static Dataset<Row> pendingBronze(
      Warehouse warehouse, RecordKind kind, List<LedgerEntry> files) {
    TableName table = TableName.bronze(kind.name());
    if (files.isEmpty()) {
      return warehouse.spark().createDataFrame(List.of(), TableSchemas.bronze(kind));
    }
    Object[] runs = files.stream().map(LedgerEntry::firstSeenRun).distinct().toArray();
    // A first load writes all of bronze in one run: the files' names bound the row groups read.
    List<String> names = files.stream().map(LedgerEntry::sourceFile).sorted().toList();
    return byFiles(
        warehouse
            .read(table)
            .filter(col(Lineage.RUN_ID).isin(runs))
            .filter(col(Lineage.SOURCE_FILE).between(names.get(0), names.get(names.size() - 1))),
        files,
        "left_semi");
  }

  /**
   * {@code rows} joined ({@code join}: {@code left_semi} keeps, {@code left_anti} drops) to the
   * contents of {@code files} by their lineage (path and hash), the few files sent to every task.
   */
  private static Dataset<Row> byFiles(Dataset<Row> rows, List<LedgerEntry> files, String join) {
    Dataset<Row> keys =
        rows.sparkSession()
            .createDataFrame(
                files.stream().map(e -> RowFactory.create(e.sourceFile(), e.fileHash())).toList(),
                FILE_KEY);
    return rows.join(
        broadcast(keys), SparkSessions.seq(List.of(Lineage.SOURCE_FILE, Lineage.FILE_HASH)), join);
  }

  private static void checkAccounting(Result r) {
    if (r.rowsRead() + r.rowsRechecked() != r.toSilver() + r.toQuarantine() + r.superseded()) {
      throw new DanvanException(
          String.format(
              "Row accounting failed: %d row(s) read and %d rechecked but %d to silver + %d to"
                  + " quarantine + %d superseded; the warehouse may be damaged, run 'danvan status'"
                  + " and report it",
              r.rowsRead(), r.rowsRechecked(), r.toSilver(), r.toQuarantine(), r.superseded()));
    }
  }

  private static void recordOutcome(JobContext ctx, SubmissionPlan plan) {
    List<LedgerEntry> changes = new ArrayList<>();
    plan.toRefine().forEach(e -> changes.add(e.withStatus(FileLedger.CURRENT, ctx.runId())));
    plan.rechecked().forEach(e -> changes.add(e.withStatus(FileLedger.CURRENT, ctx.runId())));
    plan.superseded().forEach(e -> changes.add(e.withStatus(FileLedger.SUPERSEDED, ctx.runId())));
    plan.retracted().forEach(e -> changes.add(e.withStatus(FileLedger.SUPERSEDED, null)));
    ctx.ledger().write(changes);
  }
}
