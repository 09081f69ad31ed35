package vn.danvan.warehouse;

import io.delta.tables.DeltaTable;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.Arrays;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.function.Predicate;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import org.apache.hadoop.fs.FileSystem;
import org.apache.hadoop.fs.Path;
import org.apache.spark.sql.AnalysisException;
import org.apache.spark.sql.Column;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Encoders;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.SparkSession;
import org.apache.spark.sql.functions;
import org.apache.spark.sql.types.StructType;
import vn.danvan.ops.FaultPoint;

/**
 * The Delta tables under one warehouse root: the only place that reads or writes them. The root is
 * any Hadoop URI ({@code warehouse}, {@code s3a://bucket/dv}, {@code hdfs://…}).
 */
public final class Warehouse {

  private static final String DELETE_MARKER = "_danvan_delete";

  /**
   * Rows a file of a table written by {@link #replaceGroups} holds: a district's resubmission
   * rewrites the file(s) holding its submissions, so files are kept small (a nation's petitions:
   * about 6 MB). The Spark setting {@value #ROWS_PER_FILE_KEY} overrides it.
   */
  public static final long ROWS_PER_FILE = 250_000;

  /** The Spark setting that overrides {@link #ROWS_PER_FILE}. */
  public static final String ROWS_PER_FILE_KEY = "spark.danvan.rowsPerFile";

  /** The table property naming the columns Delta keeps statistics on. */
  public static final String STATS_COLUMNS = "delta.dataSkippingStatsColumns";

  // Delta's operations that remove data files earlier versions read.
  private static final Set<String> VACUUM = Set.of("VACUUM START", "VACUUM END");

  // Delta's operations that change no data.
  private static final Set<String> MAINTENANCE =
      Stream.concat(VACUUM.stream(), Stream.of("OPTIMIZE", "SET TBLPROPERTIES"))
          .collect(Collectors.toUnmodifiableSet());

  // The note of a commit that laid a table's files out again (recluster): no data changed.
  private static final String RELAID = "danvan: files laid out again, no data changed";

  // Never more files than this in one write, whatever the setting.
  private static final int MAX_FILES = 10_000;

  private final SparkSession spark;
  private final String root;

  /** The warehouse at {@code root}, used through {@code spark}. */
  public Warehouse(SparkSession spark, String root) {
    this.spark = spark;
    this.root = qualify(spark, root);
  }

  /** The session the warehouse is read and written through. */
  public SparkSession spark() {
    return spark;
  }

  /** The fully qualified root URI. */
  public String root() {
    return root;
  }

  /** Where {@code table} lives. */
  public String path(TableName table) {
    return root + "/" + table.layer() + "/" + table.name();
  }

  /** True when {@code table} has been written at least once. */
  public boolean exists(TableName table) {
    return DeltaTable.isDeltaTable(spark, path(table));
  }

  /** The current state of {@code table}. */
  public Dataset<Row> read(TableName table) {
    return spark.read().format("delta").load(path(table));
  }

  /**
   * The current state of {@code table}, or an empty frame of {@code schema} when it is not there.
   */
  public Dataset<Row> readOrEmpty(TableName table, StructType schema) {
    return exists(table) ? read(table) : spark.createDataFrame(List.of(), schema);
  }

  /** {@code table} as it was at {@code version}. */
  public Dataset<Row> readVersion(TableName table, long version) {
    return spark.read().format("delta").option("versionAsOf", version).load(path(table));
  }

  /** {@code table} as it was at the end of {@code timestamp} (ISO date or date-time). */
  public Dataset<Row> readTimestamp(TableName table, String timestamp) {
    return spark.read().format("delta").option("timestampAsOf", timestamp).load(path(table));
  }

  /** The current version of {@code table}, empty when it does not exist. */
  public Optional<Long> version(TableName table) {
    if (!exists(table)) {
      return Optional.empty();
    }
    return Optional.of(TableLog.latestVersion(spark, path(table)));
  }

  /** Appends {@code rows} to {@code table}, creating it when needed. */
  public void append(TableName table, Dataset<Row> rows) {
    var writer = FaultPoint.during(points(table, "append"), rows).write().format("delta");
    if (!table.statsColumns().isEmpty() && !exists(table)) {
      // A table property, taken from the write that creates the table.
      writer = writer.option(STATS_COLUMNS, String.join(",", table.statsColumns()));
    }
    writer.mode("append").save(path(table));
  }

  /** Replaces the whole content (and schema) of {@code table} with {@code rows}. */
  public void overwrite(TableName table, Dataset<Row> rows) {
    overwrite(table, rows, null);
  }

  /**
   * Replaces the whole content (and schema) of {@code table} with {@code rows}, recording {@code
   * note} in the commit (read back with {@link #lastNote}).
   */
  public void overwrite(TableName table, Dataset<Row> rows, String note) {
    var writer =
        FaultPoint.during(points(table, "write"), laidOut(table, rows))
            .write()
            .format("delta")
            .mode("overwrite")
            .option("overwriteSchema", "true")
            .partitionBy(table.partitionColumns().toArray(String[]::new));
    if (note != null) {
      writer = writer.option("userMetadata", note);
    }
    writer.save(path(table));
  }

  /**
   * Replaces the rows of {@code table} matching {@code condition} (a SQL predicate every row of
   * {@code rows} satisfies) with {@code rows}, in one commit noted {@code note}.
   */
  public void replaceWhere(TableName table, Dataset<Row> rows, String condition, String note) {
    var writer =
        FaultPoint.during(points(table, "write"), laidOut(table, rows))
            .write()
            .format("delta")
            .mode("overwrite")
            .option("replaceWhere", condition);
    if (note != null) {
      writer = writer.option("userMetadata", note);
    }
    writer.save(path(table));
  }

  /**
   * Records {@code note} as the note of {@code table}'s latest commit ({@link #lastNote}), changing
   * no row: a commit of no file, which Delta leaves out of the log unless a session asks for it
   * ({@code skipRecordingEmptyCommits}), so one of its own does.
   */
  public void note(TableName table, String note) {
    SparkSession noting = spark.newSession();
    noting.conf().set("spark.databricks.delta.skipRecordingEmptyCommits", "false");
    noting
        .createDataFrame(List.<Row>of(), read(table).schema())
        .write()
        .format("delta")
        .mode("append")
        .option("userMetadata", note)
        .save(path(table));
  }

  /** {@code rows} gathered by the table's partition columns: one file per partition written. */
  private static Dataset<Row> laidOut(TableName table, Dataset<Row> rows) {
    List<String> by = table.partitionColumns();
    return by.isEmpty()
        ? rows
        : rows.repartition(by.stream().map(functions::col).toArray(Column[]::new));
  }

  /**
   * The note recorded with the latest commit of {@code table} that changed its data, if any:
   * maintenance commits ({@link #isMaintenance}) carry none and are passed over.
   */
  public Optional<String> lastNote(TableName table) {
    return lastDataCommit(table).map(TableLog.Commit::note);
  }

  /**
   * The latest version of {@code table} that changed its data: the version gold records of what it
   * was computed from, so that maintenance ({@code danvan maintain}) does not make it stale.
   */
  public Optional<Long> dataVersion(TableName table) {
    return lastDataCommit(table).map(TableLog.Commit::version);
  }

  /**
   * True for a commit that changed no data: Delta's {@code OPTIMIZE}, {@code VACUUM} and table
   * properties, and silver's files laid out again ({@link #recluster}).
   */
  private static boolean isMaintenance(String operation, String note) {
    return (operation != null && MAINTENANCE.contains(operation)) || RELAID.equals(note);
  }

  /** The latest commit that changed data. */
  private Optional<TableLog.Commit> lastDataCommit(TableName table) {
    return latestCommit(table, c -> !isMaintenance(c.operation(), c.note()));
  }

  /**
   * What identifies the rows {@code table} holds: its id and the latest version that added or
   * removed rows. Commits after it (a note, a compaction) leave the rows as they were; a table made
   * again under the same path gets another id. A table that never held a row (gold's outliers of a
   * small province) is identified by its first version. Empty when the table does not exist or the
   * log kept holds no such version.
   */
  public Optional<String> contentId(TableName table) {
    Optional<Long> version =
        latestCommit(table, TableLog.Commit::changesData).map(c -> c.version());
    if (version.isEmpty()
        && exists(table)
        && !TableLog.commits(spark, path(table), 0, 0).isEmpty()) {
      version = Optional.of(0L); // the whole log is kept, and no commit in it added a row
    }
    return version.map(v -> TableLog.tableId(spark, path(table)) + "@" + v);
  }

  /**
   * The partitions of {@code table} (values of its one partition column) whose rows changed since
   * it held the rows {@code contentId} ({@link #contentId}) identifies; empty when that cannot be
   * told: the table was made again, is not partitioned by one column, or its log no longer holds
   * every commit since.
   */
  public Optional<Set<String>> partitionsChangedSince(TableName table, String contentId) {
    List<String> columns = table.partitionColumns();
    if (columns.size() != 1) {
      return Optional.empty();
    }
    return versionOf(table, contentId)
        .flatMap(
            since ->
                TableLog.partitionsChanged(
                    spark,
                    path(table),
                    since + 1,
                    TableLog.latestVersion(spark, path(table)),
                    columns.get(0)));
  }

  /**
   * The rows of {@code columns} that {@code table} held when it held the rows {@code contentId}
   * identifies and holds no more, with those it holds now and did not then; empty when that cannot
   * be told ({@link #rowsChangedSince(TableName, long, Column, List)}, or the table was made
   * again).
   */
  public Optional<Dataset<Row>> rowsChangedSince(
      TableName table, String contentId, List<String> columns) {
    return versionOf(table, contentId)
        .flatMap(since -> rowsChangedSince(table, since, functions.lit(true), columns));
  }

  /**
   * The rows of {@code columns}, among those {@code where} keeps, that {@code table} held at {@code
   * version} and holds no more, with those it holds now and did not then (each as often as the two
   * versions' counts of it differ); empty when that cannot be told: a commit since is no longer in
   * the log or removed files ({@code VACUUM}).
   */
  public Optional<Dataset<Row>> rowsChangedSince(
      TableName table, long version, Column where, List<String> columns) {
    if (!exists(table)) {
      return Optional.empty();
    }
    long latest = TableLog.latestVersion(spark, path(table));
    List<TableLog.Commit> commits = TableLog.commits(spark, path(table), version, latest);
    if (commits.size() != latest - version + 1
        || commits.stream()
            .anyMatch(c -> c.operation() != null && VACUUM.contains(c.operation()))) {
      return Optional.empty();
    }
    Column[] selected = columns.stream().map(functions::col).toArray(Column[]::new);
    Dataset<Row> then = readVersion(table, version).filter(where).select(selected);
    Dataset<Row> now = readVersion(table, latest).filter(where).select(selected);
    return Optional.of(SparkSessions.difference(then, now));
  }

  /** The version {@code contentId} ({@link #contentId}) names, if it names one of this table. */
  private Optional<Long> versionOf(TableName table, String contentId) {
    int at = contentId.lastIndexOf('@');
    if (at < 0
        || !exists(table)
        || !contentId.substring(0, at).equals(TableLog.tableId(spark, path(table)))) {
      return Optional.empty();
    }
    return Optional.of(Long.parseLong(contentId.substring(at + 1)));
  }

  /** The latest commit of {@code table} that {@code matches}. */
  private Optional<TableLog.Commit> latestCommit(
      TableName table, Predicate<TableLog.Commit> matches) {
    if (!exists(table)) {
      return Optional.empty();
    }
    // A week's maintenance adds a few commits: look at the latest first, then further back.
    long last = TableLog.latestVersion(spark, path(table));
    long first = Math.max(0, last - 7);
    while (last >= 0) {
      List<TableLog.Commit> commits = TableLog.commits(spark, path(table), first, last);
      for (int i = commits.size() - 1; i >= 0; i--) {
        if (matches.test(commits.get(i))) {
          return Optional.of(commits.get(i));
        }
      }
      last = first - 1;
      first = Math.max(0, first - 64);
    }
    return Optional.empty();
  }

  /**
   * Makes {@code table} hold exactly {@code rows} for every group of {@code groups} (values of the
   * table's {@link TableName#clusterColumn}), in one commit: rows of those groups that {@code rows}
   * no longer carries are deleted, the others inserted or updated by {@code keyColumns}.
   *
   * <p>A new table is written in files that each hold one range of groups, about {@link
   * #ROWS_PER_FILE} rows a file; the merge then looks only at the files whose range reaches the
   * groups' (Delta's data skipping on the merge condition), and rewrites only those holding them.
   * Measured on a nation's 4.7 M petitions, one district's resubmission rewrote every file (120 MB,
   * 10 s) when the files held submissions in no order.
   *
   * @param groups every group {@code rows} holds rows of, and groups whose rows must go even when
   *     {@code rows} has none for them; the cluster column is one of {@code keyColumns}
   * @param rowCount how many rows {@code rows} holds
   */
  public void replaceGroups(
      TableName table,
      Dataset<Row> rows,
      List<String> keyColumns,
      Set<String> groups,
      long rowCount) {
    String groupColumn =
        table
            .clusterColumn()
            .orElseThrow(() -> new IllegalArgumentException(table + " is not replaced by groups"));
    if (!exists(table)) {
      append(table, rows.repartitionByRange(filesFor(rowCount), functions.col(groupColumn)));
      return;
    }
    if (groups.isEmpty()) {
      return;
    }
    Dataset<Row> held = readGroups(table, groups);
    // Nothing to insert and nothing to delete (a resubmission without quarantined rows, before or
    // after): the merge would commit nothing, after ~3 s of jobs.
    if (rowCount == 0 && held.isEmpty()) {
      return;
    }
    String first = Collections.min(groups);
    String last = Collections.max(groups);
    Column[] columns = Arrays.stream(rows.columns()).map(functions::col).toArray(Column[]::new);
    Column[] keys = keyColumns.stream().map(functions::col).toArray(Column[]::new);
    Dataset<Row> deletions =
        held.select(columns)
            .join(rows.select(keys), SparkSessions.seq(keyColumns), "left_anti")
            .withColumn(DELETE_MARKER, functions.lit(true));
    Dataset<Row> source =
        FaultPoint.during(
            points(table, "merge"),
            rows.withColumn(DELETE_MARKER, functions.lit(false)).unionByName(deletions));
    Map<String, String> assignments =
        Arrays.stream(rows.columns())
            .collect(Collectors.toMap(c -> "`" + c + "`", c -> "s.`" + c + "`"));
    // The groups' range, on the target alone: what lets the merge skip the other files.
    Column inRange = functions.col("t.`" + groupColumn + "`").between(first, last);
    DeltaTable.forPath(spark, path(table))
        .as("t")
        .merge(source.as("s"), functions.expr(matchOn(keyColumns)).and(inRange))
        .whenMatched("s." + DELETE_MARKER)
        .delete()
        .whenMatched()
        .updateExpr(assignments)
        .whenNotMatched("NOT s." + DELETE_MARKER)
        .insertExpr(assignments)
        .execute();
  }

  /**
   * The rows of {@code table} (an existing table with a {@link TableName#clusterColumn}) in {@code
   * groups}, read from the files whose range reaches them.
   */
  public Dataset<Row> readGroups(TableName table, Set<String> groups) {
    String groupColumn =
        table
            .clusterColumn()
            .orElseThrow(() -> new IllegalArgumentException(table + " is not read by groups"));
    Dataset<Row> groupFrame =
        spark.createDataset(List.copyOf(groups), Encoders.STRING()).toDF(groupColumn);
    return read(table)
        .filter(
            functions.col(groupColumn).between(Collections.min(groups), Collections.max(groups)))
        .join(functions.broadcast(groupFrame), groupColumn);
  }

  /**
   * Compacts a table whose files hold ranges of its {@link TableName#clusterColumn} without mixing
   * them (Delta's {@code OPTIMIZE} would pack the ranges into one file, which every merge would
   * then rewrite): when merges have left it more files than its rows need, or its files' ranges
   * overlap (a table written before files held ranges), its rows are written again in ranges, as a
   * change of layout only ({@code dataChange = false}; earlier versions stay readable).
   *
   * @return true when the table was rewritten
   */
  public boolean recluster(TableName table) {
    return recluster(table, false);
  }

  /**
   * As {@link #recluster(TableName)}; {@code always} writes the rows again whatever the files, so
   * that every file gets the statistics the table now names.
   */
  public boolean recluster(TableName table, boolean always) {
    Column column = functions.col(table.clusterColumn().orElseThrow());
    Dataset<Row> rows = read(table);
    List<Row> files =
        rows.groupBy(functions.input_file_name())
            .agg(
                functions.min(column).as("_first"),
                functions.max(column).as("_last"),
                functions.count(functions.lit(1)).as("_rows"))
            .orderBy("_first")
            .collectAsList();
    long count = files.stream().mapToLong(f -> f.getLong(3)).sum();
    boolean overlapping = false;
    for (int i = 1; i < files.size(); i++) {
      String first = files.get(i).getString(1);
      String lastBefore = files.get(i - 1).getString(2);
      overlapping |= first == null || lastBefore == null || first.compareTo(lastBefore) <= 0;
    }
    int wanted = filesFor(count);
    if (files.size() <= wanted && !overlapping && !always) {
      return false;
    }
    rows.repartitionByRange(wanted, column)
        .write()
        .format("delta")
        .mode("overwrite")
        .option("dataChange", "false")
        .option("userMetadata", RELAID)
        .save(path(table));
    return true;
  }

  /** The files {@code rows} rows are written in: about {@link #ROWS_PER_FILE} a file. */
  private int filesFor(long rows) {
    long perFile =
        Long.parseLong(spark.conf().get(ROWS_PER_FILE_KEY, Long.toString(ROWS_PER_FILE)));
    return (int) Math.min(MAX_FILES, Math.max(1, -Math.floorDiv(-rows, perFile)));
  }

  /** Inserts {@code rows} whose key is new and updates those whose key exists, in one commit. */
  public void upsert(TableName table, Dataset<Row> rows, List<String> keyColumns) {
    if (!exists(table)) {
      append(table, rows);
      return;
    }
    DeltaTable.forPath(spark, path(table))
        .as("t")
        .merge(FaultPoint.during(points(table, "merge"), rows).as("s"), matchOn(keyColumns))
        .whenMatched()
        .updateAll()
        .whenNotMatched()
        .insertAll()
        .execute();
  }

  /** Deletes the rows of {@code table} matching {@code condition}. */
  public void delete(TableName table, Column condition) {
    if (exists(table)) {
      DeltaTable.forPath(spark, path(table)).delete(condition);
    }
  }

  /**
   * Names every existing table in the session's catalog ({@code silver.dialogues} …), so that SQL
   * and notebooks can use the public names. The names are external tables: dropping a name, as this
   * does when the session named another warehouse before, never touches the data.
   */
  public void registerTables() {
    registerTables(null);
  }

  /**
   * Names the tables as they were at {@code versions}, as views of those versions; a table {@code
   * versions} leaves out did not exist then and is not named. Null: the latest, as {@link
   * #registerTables()} names them.
   */
  public void registerTables(Map<TableName, Long> versions) {
    // Each layer's database made only when missing: Spark 4.2 runs CREATE DATABASE IF NOT EXISTS
    // on one that exists and logs a warning that it "was created concurrently" (SPARK-55250), a
    // line on stderr per table for every query an analyst asks.
    TableName.layers().stream()
        .filter(layer -> !spark.catalog().databaseExists(layer))
        .forEach(layer -> spark.sql("CREATE DATABASE IF NOT EXISTS " + layer));
    for (TableName table : TableName.all()) {
      unregister(table);
      if (versions == null && exists(table)) {
        spark.sql(
            "CREATE TABLE "
                + table
                + " USING delta LOCATION '"
                + path(table).replace("'", "\\'")
                + "'");
      } else if (versions != null && versions.containsKey(table)) {
        spark.sql(
            "CREATE VIEW "
                + table
                + " AS SELECT * FROM delta.`"
                + path(table).replace("`", "``")
                + "` VERSION AS OF "
                + versions.get(table));
      }
    }
  }

  /** Drops the name {@code table}, a table or a view, if the session's catalog has it. */
  private void unregister(TableName table) {
    String name = table.toString();
    if (!spark.catalog().tableExists(name)) {
      return;
    }
    boolean view;
    try {
      view = "VIEW".equals(spark.catalog().getTable(name).tableType());
    } catch (AnalysisException e) {
      throw new IllegalStateException("Cannot look " + name + " up in the session's catalog", e);
    }
    spark.sql((view ? "DROP VIEW " : "DROP TABLE ") + name);
  }

  /** The fault points of a {@code write} into {@code table}: by its layer, and by its name. */
  private static List<String> points(TableName table, String write) {
    return List.of(table.layer() + "-" + write, table + "-" + write);
  }

  private static String matchOn(List<String> keyColumns) {
    return keyColumns.stream()
        .map(k -> "t.`" + k + "` <=> s.`" + k + "`")
        .collect(Collectors.joining(" AND "));
  }

  private static String qualify(SparkSession spark, String root) {
    try {
      Path path = new Path(root);
      FileSystem fs = path.getFileSystem(spark.sparkContext().hadoopConfiguration());
      return fs.makeQualified(path).toString().replaceAll("/+$", "");
    } catch (IOException e) {
      throw new UncheckedIOException("Cannot open the warehouse at " + root, e);
    }
  }
}
