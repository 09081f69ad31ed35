package vn.danvan.indicators;

import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.Callable;
import vn.danvan.job.JobContext;
import vn.danvan.job.Parallel;
import vn.danvan.schema.RecordKind;
import vn.danvan.schema.RecordKinds;
import vn.danvan.schema.TableSchemas;
import vn.danvan.warehouse.TableName;

/** The first and last record date of each kind's silver rows ({@link Span}). */
final class RecordSpans {

  private RecordSpans() {}

  /**
   * Every kind's span: as gold's {@code noted} note recorded it for the version of silver {@code
   * inputs} name ({@link GoldNote#span}), else from the table. One bare aggregate per table: Delta
   * answers it from the files' statistics without reading them (a column added beside the
   * aggregates, or a union of them, makes it scan the table); the tables' aggregates run side by
   * side.
   */
  static Map<String, Span> of(
      JobContext ctx, Map<String, Object> inputs, Map<String, Object> noted) {
    List<RecordKind> kinds = RecordKinds.all();
    List<Span> found =
        Parallel.run(
            kinds.stream()
                .<Callable<Span>>map(
                    kind ->
                        () -> {
                          Span recorded = GoldNote.span(kind.name(), inputs, noted);
                          return recorded != null ? recorded : read(ctx, kind);
                        })
                .toList());
    Map<String, Span> spans = new TreeMap<>();
    for (int i = 0; i < kinds.size(); i++) {
      spans.put(kinds.get(i).name(), found.get(i));
    }
    return spans;
  }

  private static Span read(JobContext ctx, RecordKind kind) {
    return Span.of(ctx.snapshot().read(TableName.silver(kind.name()), TableSchemas.silver(kind)));
  }
}
