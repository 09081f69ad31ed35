package vn.danvan.ingest;

import static org.apache.spark.sql.functions.col;
import static org.apache.spark.sql.functions.explode;
import static org.apache.spark.sql.functions.lit;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.sql.Timestamp;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.Callable;
import java.util.concurrent.atomic.AtomicInteger;
import org.apache.commons.codec.digest.DigestUtils;
import org.apache.spark.sql.Column;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Encoders;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.catalyst.encoders.ExpressionEncoder;
import org.apache.spark.sql.types.StructField;
import org.apache.spark.storage.StorageLevel;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import vn.danvan.errors.DanvanException;
import vn.danvan.errors.Reasons;
import vn.danvan.job.JobContext;
import vn.danvan.job.Parallel;
import vn.danvan.ops.FileLedger;
import vn.danvan.ops.Ledger;
import vn.danvan.ops.LedgerEntry;
import vn.danvan.schema.Lineage;
import vn.danvan.schema.RecordKind;
import vn.danvan.schema.RecordKinds;
import vn.danvan.schema.TableSchemas;
import vn.danvan.warehouse.Storage;
import vn.danvan.warehouse.TableName;

/**
 * Landing files → {@code bronze.<kind>}: reads only files whose path, size or time is new to the
 * ledger, ingests only content new for its submission, keeps every cell as the text the file held
 * (personal data hashed) with its lineage, and records every file's outcome in {@code ops.files}.
 */
public final class IngestStage {

  private static final Logger LOG = LoggerFactory.getLogger(IngestStage.class);
  // Files of all kinds parsed side by side take at most this share of the heap (1/8).
  private static final int SIDE_BY_SIDE_HEAP_SHARE = 8;

  /**
   * What one ingest did.
   *
   * @param filesSeen files under the landing root
   * @param filesIngested files whose rows went to bronze
   * @param filesRejected files that could not be read as submissions
   * @param filesDuplicate files whose content was already known for their submission
   * @param rowsIn data rows appended to bronze
   */
  public record Result(
      int filesSeen, int filesIngested, int filesRejected, int filesDuplicate, long rowsIn) {}

  /** Ingests what is new under the landing root. */
  public Result execute(JobContext ctx) {
    long started = System.nanoTime();
    if (!ctx.storage().exists(ctx.landing())) {
      // A mistyped --landing, or a share not mounted tonight: a run that finds nothing there would
      // succeed, night after night, having read nothing.
      throw new DanvanException(
          "the landing folder "
              + ctx.landing()
              + " does not exist: check --landing, or that its share is mounted");
    }
    Ledger ledger = ctx.ledger().current();
    List<Storage.Entry> all = ctx.storage().listFiles(ctx.landing());
    List<Storage.Entry> listed = Arrivals.withoutMarkers(all);
    Arrivals.Sorted arrivals =
        Arrivals.sort(ctx.storage(), all, ledger.changed(listed), ctx.reference().settings());
    if (!arrivals.waiting().isEmpty()) {
      LOG.info(
          "ingest: {} file(s) left for the next run: {}",
          arrivals.waiting().size(),
          String.join(", ", arrivals.waiting()));
    }
    List<Storage.Entry> changed = arrivals.files();
    List<LedgerEntry> outcomes = new ArrayList<>();
    List<LedgerEntry> retimed = new ArrayList<>();
    Map<String, List<Candidate>> toParse = classify(ctx, ledger, changed, outcomes, retimed);
    long rowsIn = 0;
    List<Callable<Long>> kinds = new ArrayList<>();
    List<LedgerEntry> parsedOutcomes = Collections.synchronizedList(new ArrayList<>());
    int total = toParse.values().stream().mapToInt(List::size).sum();
    AtomicInteger done = new AtomicInteger();
    for (RecordKind kind : RecordKinds.all()) {
      List<Candidate> files = toParse.getOrDefault(kind.name(), List.of());
      if (!files.isEmpty()) {
        kinds.add(
            () -> {
              long rows = ingestKind(ctx, kind, files, parsedOutcomes);
              LOG.info(
                  "ingest {}: {} file(s), {} row(s) to bronze; {}/{} file(s) done, {} s",
                  kind.name(),
                  files.size(),
                  rows,
                  done.addAndGet(files.size()),
                  total,
                  seconds(started));
              return rows;
            });
      }
    }
    // Each kind keeps its parsed files in memory until they are in bronze: kinds are parsed side
    // by side only while their files together are a small part of the heap (a nation's history
    // read at once, all kinds together, ran out of memory in a 3 GiB heap).
    long bytes =
        toParse.values().stream().flatMap(List::stream).mapToLong(c -> c.entry().size()).sum();
    boolean together = bytes <= Runtime.getRuntime().maxMemory() / SIDE_BY_SIDE_HEAP_SHARE;
    if (!together && kinds.size() > 1) {
      LOG.info("ingest: {} MB of files, kinds parsed one after another", bytes >> 20);
    }
    for (long rows : together ? Parallel.run(kinds) : Parallel.runInline(kinds)) {
      rowsIn += rows;
    }
    outcomes.addAll(parsedOutcomes);
    // One ledger write for the whole batch, after bronze (held back to go with refine's outcome
    // when the run refines, RunLedger.hold): a run that dies before it finishes is undone from its
    // run id by Ledger.recover, so its files are read again.
    List<LedgerEntry> changes = new ArrayList<>(retimed);
    changes.addAll(outcomes);
    ctx.ledger().write(changes);
    int ingested = count(outcomes, FileLedger.INGESTED);
    int rejected = count(outcomes, FileLedger.REJECTED);
    int duplicate = count(outcomes, FileLedger.DUPLICATE);
    LOG.info(
        "ingest: {} file(s) under {}, {} new or changed: {} ingested, {} rejected, {} duplicate;"
            + " {} row(s) to bronze in {} s",
        listed.size(),
        ctx.landing(),
        changed.size(),
        ingested,
        rejected,
        duplicate,
        rowsIn,
        seconds(started));
    return new Result(listed.size(), ingested, rejected, duplicate, rowsIn);
  }

  private record Candidate(Storage.Entry entry, LandingFile file, String hash) {}

  /** Hashes changed files and sorts them into rejected, duplicate, re-timed, or to be parsed. */
  private Map<String, List<Candidate>> classify(
      JobContext ctx,
      Ledger ledger,
      List<Storage.Entry> changed,
      List<LedgerEntry> outcomes,
      List<LedgerEntry> retimed) {
    Map<String, List<Candidate>> toParse = new HashMap<>();
    Set<String> seenInBatch = new HashSet<>();
    for (Storage.Entry entry : changed) {
      String hash = sha256(ctx.storage(), entry.uri());
      LandingFile file;
      try {
        file = LandingFile.parse(entry.relativePath());
      } catch (IllegalArgumentException badName) {
        outcomes.add(
            entry(
                ctx,
                entry,
                null,
                hash,
                FileLedger.REJECTED,
                0,
                null,
                null,
                "BAD_FILE_NAME",
                badName.getMessage()));
        continue;
      }
      if (ledger.hasContent(entry.relativePath(), hash)) {
        // Same content at the same path, only touched: remember its new size and time.
        retimed.add(ledger.retimed(entry.relativePath(), hash, entry.size(), entry.modifiedAt()));
      } else if (ledger.knowsContent(file.submissionId(), hash)
          || !seenInBatch.add(file.submissionId() + "@" + hash)) {
        outcomes.add(
            entry(ctx, entry, file, hash, FileLedger.DUPLICATE, 0, null, null, null, null));
      } else {
        toParse
            .computeIfAbsent(file.kind(), k -> new ArrayList<>())
            .add(new Candidate(entry, file, hash));
      }
    }
    return toParse;
  }

  /** Parses one kind's files in one Spark pass; records outcomes; appends the rows to bronze. */
  private long ingestKind(
      JobContext ctx, RecordKind kind, List<Candidate> files, List<LedgerEntry> outcomes) {
    Map<String, LandingFile> byUri = new HashMap<>();
    Map<String, Candidate> candidates = new HashMap<>();
    for (Candidate c : files) {
      byUri.put(c.entry().uri(), c.file());
      candidates.put(c.entry().uri(), c);
    }
    FileParsing parsing =
        new FileParsing(
            kind,
            ctx.reference().headerAliases(),
            ctx.reference().settings().keepPersonalData(),
            ctx.reference().settings().sheetName(),
            byUri,
            ctx.spark().sparkContext().hadoopConfiguration());
    Dataset<Row> parsed =
        ctx.spark()
            .createDataset(new ArrayList<>(byUri.keySet()), Encoders.STRING())
            .map(parsing, ExpressionEncoder.apply(FileParsing.outputSchema(kind)))
            .persist(StorageLevel.MEMORY_AND_DISK());
    try {
      List<LedgerEntry> kindOutcomes = new ArrayList<>();
      List<Row> summaries =
          parsed
              .select(
                  col(FileParsing.PATH),
                  col(FileParsing.REJECT_CODE),
                  col(FileParsing.REJECT_DETAIL),
                  col(TableSchemas.ENCODING),
                  col(TableSchemas.NUMBER_CONVENTION),
                  org.apache.spark.sql.functions.size(col(FileParsing.ROWS)).as("n"))
              .collectAsList();
      long rows = 0;
      for (Row s : summaries) {
        Candidate c = candidates.get(s.<String>getAs(FileParsing.PATH));
        String code = s.getAs(FileParsing.REJECT_CODE);
        int n = code == null ? s.<Integer>getAs("n") : 0;
        kindOutcomes.add(
            entry(
                ctx,
                c.entry(),
                c.file(),
                c.hash(),
                code == null ? FileLedger.INGESTED : FileLedger.REJECTED,
                n,
                s.getAs(TableSchemas.ENCODING),
                s.getAs(TableSchemas.NUMBER_CONVENTION),
                code,
                s.getAs(FileParsing.REJECT_DETAIL)));
        rows += n;
      }
      outcomes.addAll(kindOutcomes);
      if (rows > 0) {
        ctx.warehouse().append(TableName.bronze(kind.name()), bronzeRows(ctx, kind, parsed, files));
      }
      return rows;
    } finally {
      parsed.unpersist();
    }
  }

  private Dataset<Row> bronzeRows(
      JobContext ctx, RecordKind kind, Dataset<Row> parsed, List<Candidate> files) {
    List<Row> lineage = new ArrayList<>();
    for (Candidate c : files) {
      lineage.add(
          org.apache.spark.sql.RowFactory.create(
              c.entry().uri(),
              c.file().path(),
              c.hash(),
              c.file().submissionId(),
              c.file().reportingUnit(),
              c.file().periodKey()));
    }
    Dataset<Row> lineageFrame =
        ctx.spark()
            .createDataFrame(
                lineage,
                org.apache.spark.sql.types.DataTypes.createStructType(
                    List.of(
                        field(FileParsing.PATH),
                        field(Lineage.SOURCE_FILE),
                        field(Lineage.FILE_HASH),
                        field(Lineage.SUBMISSION_ID),
                        field(Lineage.REPORTING_UNIT),
                        field(Lineage.PERIOD_KEY))));
    Dataset<Row> exploded =
        parsed
            .filter(col(FileParsing.REJECT_CODE).isNull())
            .join(org.apache.spark.sql.functions.broadcast(lineageFrame), FileParsing.PATH)
            .withColumn("r", explode(col(FileParsing.ROWS)))
            .withColumn(Lineage.SOURCE_ROW, col("r.source_row"))
            .withColumn(Lineage.SOURCE_LINE, col("r.source_line"))
            .withColumn(Lineage.RUN_ID, lit(ctx.runId()))
            .withColumn(TableSchemas.INGESTED_AT, lit(Timestamp.from(ctx.startedAt())));
    List<Column> columns = new ArrayList<>();
    for (StructField f : TableSchemas.bronze(kind).fields()) {
      boolean nested =
          kind.column(f.name()).isPresent() || f.name().equals(TableSchemas.EXTRA_COLUMNS);
      columns.add((nested ? col("r." + f.name()) : col(f.name())).as(f.name()));
    }
    return exploded.select(columns.toArray(Column[]::new));
  }

  private static StructField field(String name) {
    return org.apache.spark.sql.types.DataTypes.createStructField(
        name, org.apache.spark.sql.types.DataTypes.StringType, false);
  }

  private static LedgerEntry entry(
      JobContext ctx,
      Storage.Entry entry,
      LandingFile file,
      String hash,
      String status,
      int rows,
      String encoding,
      String convention,
      String reasonCode,
      String detail) {
    String reason =
        reasonCode == null ? null : Reasons.catalogue().english(reasonCode, null, null, detail);
    return new LedgerEntry(
        entry.relativePath(),
        hash,
        file == null ? null : file.kind(),
        file == null ? null : file.reportingUnit(),
        file == null ? null : file.periodKey(),
        file == null ? null : file.submissionId(),
        entry.size(),
        new Timestamp(entry.modifiedAt()),
        Timestamp.from(ctx.startedAt()),
        ctx.runId(),
        status,
        rows,
        encoding,
        convention,
        reasonCode,
        reason,
        null);
  }

  private static String sha256(Storage storage, String uri) {
    try (InputStream in = storage.open(uri)) {
      return DigestUtils.sha256Hex(in);
    } catch (IOException e) {
      throw new UncheckedIOException("Cannot read " + uri, e);
    }
  }

  private static int count(List<LedgerEntry> outcomes, String status) {
    return (int) outcomes.stream().filter(e -> e.status().equals(status)).count();
  }

  private static String seconds(long startedNanos) {
    return String.format("%.1f", (System.nanoTime() - startedNanos) / 1e9);
  }
}
