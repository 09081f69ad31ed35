package vn.danvan.indicators;

import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * The first and last record date of a kind's silver rows: the grid of communes × periods a kind's
 * indicators are evaluated on starts with the period holding the first and ends with the period
 * holding the last, so that no unit shows zeros for periods nothing was reported for yet.
 *
 * @param first the earliest record date, null when the kind has no records
 * @param last the latest record date, null when the kind has no records
 */
record Span(LocalDate first, LocalDate last) {

  /**
   * The date ranges (inclusive) whose periods are covered by one of the spans and not by the other:
   * the periods that gained or lost every unit's rows when {@code was} became this span.
   */
  List<LocalDate[]> movedOver(Span was) {
    boolean empty = first == null;
    boolean wasEmpty = was == null || was.first() == null;
    if (empty && wasEmpty) {
      return List.of();
    }
    if (empty || wasEmpty) {
      Span some = empty ? was : this;
      return List.<LocalDate[]>of(new LocalDate[] {some.first(), some.last()});
    }
    List<LocalDate[]> moved = new ArrayList<>();
    if (!first.equals(was.first())) {
      // Covered while a period ends on or after the first date.
      LocalDate earlier = first.isBefore(was.first()) ? first : was.first();
      LocalDate later = first.isBefore(was.first()) ? was.first() : first;
      moved.add(new LocalDate[] {earlier, later.minusDays(1)});
    }
    if (!last.equals(was.last())) {
      // Covered while a period starts on or before the last date.
      LocalDate earlier = last.isBefore(was.last()) ? last : was.last();
      LocalDate later = last.isBefore(was.last()) ? was.last() : last;
      moved.add(new LocalDate[] {earlier.plusDays(1), later});
    }
    return moved;
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
