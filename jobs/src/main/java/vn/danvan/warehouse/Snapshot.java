package vn.danvan.warehouse;

import com.fasterxml.jackson.core.type.TypeReference;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.delta.tables.DeltaTable;
import java.sql.Timestamp;
import java.time.LocalDate;
import java.time.ZoneId;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.functions;
import org.apache.spark.sql.types.StructType;
import vn.danvan.errors.DanvanException;

/**
 * The tables as one command reads them: the latest versions, or a past state chosen by {@code
 * --as-of} — a date (every table as it was at the end of that day, Vietnam time) or a version of
 * {@code gold.indicator_values} (the silver versions that version was computed from). It remembers
 * the version of every table it read, for manifests.
 */
public final class Snapshot {

  private static final ObjectMapper JSON = new ObjectMapper();

  private final Warehouse warehouse;
  private final String label;
  private final Map<TableName, Long> pinned;
  private final Map<String, Long> read = new TreeMap<>();

  private Snapshot(Warehouse warehouse, String label, Map<TableName, Long> pinned) {
    this.warehouse = warehouse;
    this.label = label;
    this.pinned = pinned;
  }

  /** The latest state of every table. */
  public static Snapshot latest(Warehouse warehouse) {
    return new Snapshot(warehouse, null, Map.of());
  }

  /** The state {@code asOf} names: {@code yyyy-MM-dd} or a version of gold.indicator_values. */
  public static Snapshot asOf(Warehouse warehouse, String asOf, ZoneId zone) {
    if (asOf == null || asOf.isBlank()) {
      return latest(warehouse);
    }
    Map<TableName, Long> pinned = new LinkedHashMap<>();
    if (asOf.matches("\\d+")) {
      long version = Long.parseLong(asOf);
      pinned.put(TableName.INDICATOR_VALUES, version);
      Map<String, Object> inputs = notedInputs(warehouse, version);
      @SuppressWarnings("unchecked")
      Map<String, Object> silver = (Map<String, Object>) inputs.getOrDefault("silver", Map.of());
      silver.forEach((table, v) -> pinned.put(parse(table), ((Number) v).longValue()));
      return new Snapshot(warehouse, "v" + version, pinned);
    }
    LocalDate day;
    try {
      day = LocalDate.parse(asOf);
    } catch (java.time.format.DateTimeParseException e) {
      throw new DanvanException(
          "--as-of takes a date (yyyy-MM-dd) or a version of gold.indicator_values, not '"
              + asOf
              + "'",
          e,
          DanvanException.USAGE);
    }
    Timestamp endOfDay = Timestamp.from(day.plusDays(1).atStartOfDay(zone).toInstant());
    for (TableName table : TableName.all()) {
      versionAt(warehouse, table, endOfDay).ifPresent(v -> pinned.put(table, v));
    }
    return new Snapshot(warehouse, day.toString(), pinned);
  }

  /** True when this is a past state rather than the latest. */
  public boolean isPast() {
    return label != null;
  }

  /**
   * Names the tables of this state in the session's catalog for SQL and notebooks: the latest as
   * the tables themselves, a past state as views of its versions (a table it does not name is left
   * unnamed: it did not exist then, or the gold version it was chosen by did not read it).
   */
  public void registerTables() {
    warehouse.registerTables(isPast() ? pinned : null);
  }

  /** True when {@code table} existed in this state. */
  public boolean has(TableName table) {
    return isPast() ? pinned.containsKey(table) : warehouse.exists(table);
  }

  /** How the state was chosen ({@code 2024-12-31}, {@code v12}), null for the latest. */
  public String label() {
    return label;
  }

  /** {@code table} in this state; empty frame of {@code schema} when it did not exist then. */
  public Dataset<Row> read(TableName table, StructType schema) {
    Optional<Long> version =
        isPast() ? Optional.ofNullable(pinned.get(table)) : warehouse.version(table);
    if (version.isEmpty()) {
      return warehouse.spark().createDataFrame(java.util.List.of(), schema);
    }
    synchronized (read) {
      read.put(table.toString(), version.get());
    }
    return warehouse.readVersion(table, version.get());
  }

  /** The version of every table read so far. */
  public Map<String, Long> versionsRead() {
    synchronized (read) {
      return new TreeMap<>(read);
    }
  }

  /** The inputs recorded with version {@code version} of gold.indicator_values. */
  private static Map<String, Object> notedInputs(Warehouse warehouse, long version) {
    if (!warehouse.exists(TableName.INDICATOR_VALUES)) {
      throw new DanvanException(
          "--as-of " + version + ": gold.indicator_values does not exist yet");
    }
    Row commit =
        DeltaTable.forPath(warehouse.spark(), warehouse.path(TableName.INDICATOR_VALUES))
            .history()
            .filter(functions.col("version").equalTo(version))
            .select("userMetadata")
            .first();
    if (commit == null || commit.isNullAt(0)) {
      throw new DanvanException(
          "--as-of " + version + ": gold.indicator_values has no such version; see danvan status");
    }
    try {
      return JSON.readValue(commit.getString(0), new TypeReference<Map<String, Object>>() {});
    } catch (java.io.IOException e) {
      throw new DanvanException("--as-of " + version + ": the version's record cannot be read", e);
    }
  }

  private static Optional<Long> versionAt(Warehouse warehouse, TableName table, Timestamp moment) {
    if (!warehouse.exists(table)) {
      return Optional.empty();
    }
    Row last =
        DeltaTable.forPath(warehouse.spark(), warehouse.path(table))
            .history()
            .filter(functions.col("timestamp").lt(moment))
            .agg(functions.max("version"))
            .first();
    return last.isNullAt(0) ? Optional.empty() : Optional.of(last.getLong(0));
  }

  private static TableName parse(String name) {
    int dot = name.indexOf('.');
    return new TableName(name.substring(0, dot), name.substring(dot + 1));
  }
}
