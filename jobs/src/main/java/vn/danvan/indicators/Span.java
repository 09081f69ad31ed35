package vn.danvan.indicators;

import static org.apache.spark.sql.functions.max;
import static org.apache.spark.sql.functions.min;

import java.time.LocalDate;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import vn.danvan.period.Period;
import vn.danvan.period.PeriodScheme;
import vn.danvan.schema.TableSchemas;

/**
 * The first and last record date of records (a kind's silver rows): the grid of communes × periods
 * a kind's indicators are evaluated on starts with the period holding the first and ends with the
 * period holding the last, so that no unit shows zeros for periods nothing was reported for yet.
 *
 * @param first the earliest record date, null when the kind has no records
 * @param last the latest record date, null when the kind has no records
 */
public record Span(LocalDate first, LocalDate last) {

  /** The span of {@code records}' dates, in one aggregate. */
  public static Span of(Dataset<Row> records) {
    Row r = records.agg(min(TableSchemas.RECORD_DATE), max(TableSchemas.RECORD_DATE)).first();
    return new Span(
        r.isNullAt(0) ? null : r.getDate(0).toLocalDate(),
        r.isNullAt(1) ? null : r.getDate(1).toLocalDate());
  }

  /**
   * True when the grid holds {@code period}'s rows under this span: the period ends on or after the
   * first record and starts on or before the last ({@code holdsAfterLast}: a state at the period's
   * end, which holds after the last record too, needs the first alone). A period whose coverage
   * changes when the span moves gains or loses every unit's rows; a period covered before and after
   * keeps them.
   */
  boolean covers(Period period, PeriodScheme scheme, boolean holdsAfterLast) {
    return first != null
        && !period.end(scheme).isBefore(first)
        && (holdsAfterLast || !period.start(scheme).isAfter(last));
  }

  /** {@code spans} as gold's note records them: kind → [first, last] (empty for no records). */
  static Map<String, List<String>> toNote(Map<String, Span> spans) {
    Map<String, List<String>> note = new TreeMap<>();
    spans.forEach(
        (kind, span) ->
            note.put(
                kind,
                span.first() == null
                    ? List.of()
                    : List.of(span.first().toString(), span.last().toString())));
    return note;
  }

  /** A span as {@link #toNote} recorded it; null when the note has none for the kind. */
  static Span fromNote(Object noted) {
    if (!(noted instanceof List<?> dates)) {
      return null;
    }
    if (dates.isEmpty()) {
      return new Span(null, null);
    }
    return new Span(
        LocalDate.parse(String.valueOf(dates.get(0))),
        LocalDate.parse(String.valueOf(dates.get(1))));
  }

  @Override
  public String toString() {
    return first == null ? "(none)" : first + ".." + last;
  }
}
