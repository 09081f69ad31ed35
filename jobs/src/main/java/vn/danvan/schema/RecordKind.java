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
 * @param unitSource {@code commune}: the row names its commune; otherwise the kind whose record the
 *     row refers to and whose commune it inherits ({@code dialogues} for petitions)
 * @param refineOrder kinds refine in this order (petitions after the dialogues they refer to)
 * @param lifecycle for kinds that report a state over time: {@code column:a>b>c|z} — the state in
 *     {@code column} only moves forward along a, b, c, and z ends it; null otherwise
 * @param cadence the period type each reporting unit submits this kind for (quarter, half, …)
 * @param deadline for kinds whose records must be settled in time: {@code from>settled}, the date
 *     the working-day deadline counts from and the date that settles the record; null otherwise
 * @param columns declared columns in canonical order
 */
public record RecordKind(
    String name,
    List<String> dateColumns,
    String periodRule,
    String unitSource,
    int refineOrder,
    String lifecycle,
    String cadence,
    String deadline,
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

  /** The column holding the life-cycle state, or null when the kind has none. */
  public String lifecycleColumn() {
    return lifecycle == null ? null : lifecycle.substring(0, lifecycle.indexOf(':'));
  }

  /** The states along the life cycle, in order. */
  public List<String> lifecycleStates() {
    String states = lifecycle.substring(lifecycle.indexOf(':') + 1);
    return List.of(states.substring(0, states.indexOf('|')).split(">"));
  }

  /** The states that end the life cycle. */
  public List<String> lifecycleEnds() {
    return List.of(lifecycle.substring(lifecycle.indexOf('|') + 1).split(","));
  }

  /** The date a deadline counts from, or null when the kind has no deadline. */
  public String deadlineFrom() {
    return deadline == null ? null : deadline.substring(0, deadline.indexOf('>'));
  }

  /** The date that settles a record in time. */
  public String deadlineSettledBy() {
    return deadline.substring(deadline.indexOf('>') + 1);
  }

  /** True when the row itself names a commune (by code or name). */
  public boolean namesCommune() {
    return "commune".equals(unitSource);
  }
}
