package vn.danvan.warehouse;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import vn.danvan.schema.Lineage;
import vn.danvan.schema.RecordKinds;
import vn.danvan.schema.TableSchemas;

/**
 * A warehouse table by its public name ({@code silver.dialogues}): the layer is the database and
 * the folder under the warehouse root (DESIGN.md §3.2).
 *
 * @param layer bronze, silver, ref, gold or ops
 * @param name the table within its layer
 */
public record TableName(String layer, String name) {

  public static final TableName QUARANTINE = new TableName("silver", "quarantine");
  public static final TableName UNITS = new TableName("ref", "units");
  public static final TableName UNIT_LINEAGE = new TableName("ref", "unit_lineage");
  public static final TableName TARGETS = new TableName("ref", "targets");
  public static final TableName INDICATORS = new TableName("ref", "indicators");
  public static final TableName HOLIDAYS = new TableName("ref", "holidays");
  public static final TableName PHASES = new TableName("ref", "phases");
  public static final TableName INDICATOR_VALUES = new TableName("gold", "indicator_values");
  public static final TableName LEAGUE = new TableName("gold", "league");
  public static final TableName REPORTING_RATES = new TableName("gold", "reporting_rates");
  public static final TableName OUTLIERS = new TableName("gold", "outliers");
  public static final TableName RUNS = new TableName("ops", "runs");
  public static final TableName FILES = new TableName("ops", "files");

  private static final String RECORD_ID = "record_id";

  /** The raw table of {@code kind}. */
  public static TableName bronze(String kind) {
    return new TableName("bronze", kind);
  }

  /** The typed, validated table of {@code kind}. */
  public static TableName silver(String kind) {
    return new TableName("silver", kind);
  }

  /** Every table the product may write, in layer order. */
  public static List<TableName> all() {
    List<TableName> all = new ArrayList<>();
    RecordKinds.names().forEach(k -> all.add(bronze(k)));
    RecordKinds.names().forEach(k -> all.add(silver(k)));
    all.add(QUARANTINE);
    all.addAll(List.of(UNITS, UNIT_LINEAGE, TARGETS, INDICATORS, HOLIDAYS, PHASES));
    all.addAll(List.of(INDICATOR_VALUES, LEAGUE, REPORTING_RATES, OUTLIERS, RUNS, FILES));
    return all;
  }

  /** The layers, in the order {@link #all()} gives their tables. */
  public static List<String> layers() {
    return all().stream().map(TableName::layer).distinct().toList();
  }

  /**
   * The columns the table's files are partitioned by. Gold values, league and outliers are read and
   * rewritten a period at a time (incremental runs, review packs), so each period has its own
   * folder: rewriting a period replaces its files without reading the others. Never a timestamp
   * column: SparkSessions turns off Delta's per-commit check that guards those.
   */
  public List<String> partitionColumns() {
    return equals(INDICATOR_VALUES) || equals(LEAGUE) || equals(OUTLIERS)
        ? List.of("period_key")
        : List.of();
  }

  /**
   * The columns Delta keeps statistics on in the table's files, empty for Delta's default (the
   * leading columns, {@link SparkSessions}). A kind's silver table: its lineage (what refine and
   * recovery read by) and where and when each record lies (what gold reads by): a kind's first and
   * last record date are then read from the log alone, and gold's reads of some periods or some
   * provinces skip the other files.
   */
  public List<String> statsColumns() {
    if (!layer.equals("silver") || RecordKinds.find(name).isEmpty()) {
      return List.of();
    }
    List<String> columns = new ArrayList<>(Lineage.NAMES);
    List<String> silver = List.of(TableSchemas.silver(RecordKinds.of(name)).fieldNames());
    if (silver.contains(RECORD_ID)) {
      columns.add(RECORD_ID);
    }
    columns.addAll(
        List.of(
            TableSchemas.COMMUNE_CODE,
            TableSchemas.DISTRICT_CODE,
            TableSchemas.PROVINCE_CODE,
            TableSchemas.RECORD_DATE));
    return columns;
  }

  /**
   * The column whose ranges the table's files hold, if any. Silver rows are replaced a submission
   * at a time ({@link Warehouse#replaceGroups}): each file holds one range of submissions, so a
   * district's resubmission rewrites only the file(s) holding it.
   */
  public Optional<String> clusterColumn() {
    return layer.equals("silver") ? Optional.of(Lineage.SUBMISSION_ID) : Optional.empty();
  }

  @Override
  public String toString() {
    return layer + "." + name;
  }
}
