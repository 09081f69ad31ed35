package vn.danvan.warehouse;

import io.delta.tables.DeltaTable;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Keeps the tables cheap to read without breaking time travel: each table's log and removed data
 * files are kept {@code time_travel_days} (so a review pack can be reproduced with {@code --as-of}
 * for as long as the province requires), a table written before it was partitioned as it is now is
 * written again so, small files are compacted ({@code OPTIMIZE}; silver tables by {@link
 * Warehouse#recluster}, keeping each file to one range of submissions), and data files older than
 * the window that no version inside it needs are removed ({@code VACUUM}). A silver table made
 * before its statistics' columns were named gets them, and its files written again with them
 * (Delta's own statistics command is not in its open-source SQL).
 */
public final class Maintenance {

  private static final Logger LOG = LoggerFactory.getLogger(Maintenance.class);

  private Maintenance() {}

  /**
   * What maintenance did to one table.
   *
   * @param table the table
   * @param filesBefore data files in its latest version before compaction
   * @param filesAfter data files after
   */
  public record Outcome(TableName table, long filesBefore, long filesAfter) {}

  /** Retention, compaction and vacuum for every table of {@code warehouse}. */
  public static List<Outcome> run(Warehouse warehouse, int timeTravelDays) {
    // VACUUM lists a table's files in as many tasks as this setting (Spark's default 10 000):
    // ten thousand tasks per table took a province's warehouse over six minutes to list.
    String listing = "spark.sql.sources.parallelPartitionDiscovery.parallelism";
    if (!new org.apache.spark.SparkConf().contains(listing)) {
      warehouse
          .spark()
          .conf()
          .set(
              listing,
              Integer.toString(Math.max(2, warehouse.spark().sparkContext().defaultParallelism())));
    }
    List<Outcome> outcomes = new ArrayList<>();
    for (TableName table : TableName.all()) {
      if (!warehouse.exists(table)) {
        continue;
      }
      // One look at the table serves its properties and its files before (setting properties
      // writes no file).
      Row detail =
          detail(warehouse, table).select("properties", "numFiles", "partitionColumns").first();
      Map<String, String> properties =
          scala.jdk.javaapi.CollectionConverters.asJava(
              detail.<scala.collection.Map<String, String>>getAs(0));
      Map<String, String> changed = changed(table, properties, timeTravelDays);
      setProperties(warehouse, table, changed);
      // Files written before the table named its statistics' columns lack them.
      boolean named = changed.containsKey(Warehouse.STATS_COLUMNS);
      long before = detail.getLong(1);
      DeltaTable delta = DeltaTable.forPath(warehouse.spark(), warehouse.path(table));
      if (table.clusterColumn().isPresent()) {
        warehouse.recluster(table, named);
      } else if (!detail.getList(2).equals(table.partitionColumns())) {
        // Written before the table was partitioned as it is now (gold.outliers before
        // 2026-12-07): its rows written again so, with the note they carry.
        warehouse.overwrite(table, warehouse.read(table), warehouse.lastNote(table).orElse(null));
      } else if (before > 1) {
        delta.optimize().executeCompaction();
      }
      // No argument: the table's delta.deletedFileRetentionDuration, set just above, decides.
      delta.vacuum();
      long after = files(warehouse, table);
      LOG.info("maintain {}: {} data file(s) → {}", table, before, after);
      outcomes.add(new Outcome(table, before, after));
    }
    return outcomes;
  }

  /** The retention every table is created with (see {@link SparkSessions}). */
  static String retention(int days) {
    return "interval " + days + " days";
  }

  /**
   * The properties {@code table} lacks or holds otherwise: the time-travel window ({@code
   * time_travel_days}) and, for a table made before they were named, the columns it keeps
   * statistics on ({@link TableName#statsColumns}).
   */
  private static Map<String, String> changed(
      TableName table, Map<String, String> properties, int days) {
    Map<String, String> wanted = new LinkedHashMap<>();
    wanted.put("delta.logRetentionDuration", retention(days));
    wanted.put("delta.deletedFileRetentionDuration", retention(days));
    if (!table.statsColumns().isEmpty()) {
      wanted.put(Warehouse.STATS_COLUMNS, String.join(",", table.statsColumns()));
    }
    wanted.entrySet().removeIf(e -> e.getValue().equals(properties.get(e.getKey())));
    return wanted;
  }

  /** Sets {@code properties} on {@code table} in one commit; none, no commit. */
  private static void setProperties(
      Warehouse warehouse, TableName table, Map<String, String> properties) {
    if (properties.isEmpty()) {
      return;
    }
    String assignments =
        properties.entrySet().stream()
            .map(e -> "'" + e.getKey() + "' = '" + e.getValue() + "'")
            .collect(Collectors.joining(", "));
    warehouse
        .spark()
        .sql(
            "ALTER TABLE " + quoted(warehouse, table) + " SET TBLPROPERTIES (" + assignments + ")");
  }

  private static String quoted(Warehouse warehouse, TableName table) {
    return "delta.`" + warehouse.path(table).replace("`", "``") + "`";
  }

  private static Dataset<Row> detail(Warehouse warehouse, TableName table) {
    return DeltaTable.forPath(warehouse.spark(), warehouse.path(table)).detail();
  }

  private static long files(Warehouse warehouse, TableName table) {
    return detail(warehouse, table).select("numFiles").first().getLong(0);
  }
}
