package vn.danvan.schema;

import java.util.List;
import java.util.Optional;

/**
 * A kind of record districts submit (dialogues, petitions, outreach, drives, models), declared in
 * {@code kinds.csv} and {@code columns.csv}: the one generic ingest and refine path is driven by
 * it.
 *
 * @param name the kind, also the landing folder and the table name
 * @param dateColumns the columns whose first non-blank value dates the record
 * @param periodRule {@code inside}: the date must lie in the file's period; {@code not_after}: it
 *     must not be later than the period's end (a state reported as of then)
 * @param unitSource {@code commune}: the row names its commune; {@code dialogue}: the row inherits
 *     the commune of the dialogue it refers to
 * @param refineOrder kinds refine in this order (petitions after the dialogues they refer to)
 * @param columns declared columns in canonical order
 */
public record RecordKind(
    String name,
    List<String> dateColumns,
    String periodRule,
    String unitSource,
    int refineOrder,
    List<ColumnSpec> columns)
    implements java.io.Serializable {

  /** The column named {@code column}, if declared. */
  public Optional<ColumnSpec> column(String column) {
    return columns.stream().filter(c -> c.name().equals(column)).findFirst();
  }

  /** Names of the declared columns, in canonical order. */
  public List<String> columnNames() {
    return columns.stream().map(ColumnSpec::name).toList();
  }

  /** True when the row itself names a commune (by code or name). */
  public boolean namesCommune() {
    return "commune".equals(unitSource);
  }
}
