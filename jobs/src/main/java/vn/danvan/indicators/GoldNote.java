package vn.danvan.indicators;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.type.TypeReference;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.time.LocalDate;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.TreeMap;
import vn.danvan.job.JobContext;
import vn.danvan.ops.Ledger;
import vn.danvan.ops.LedgerEntry;
import vn.danvan.schema.RecordKinds;
import vn.danvan.warehouse.TableName;

/**
 * The note gold's values are committed with: the inputs they were computed from (silver's versions,
 * the reference digest, the arrival register, the date, the ledger, gold's layout) and the kinds'
 * record spans. The next run reads it back to tell whether gold is up to date and, when not, what
 * changed since ({@link GoldPlanner}).
 */
final class GoldNote {

  // Recorded with gold: a warehouse whose gold was laid out otherwise is recomputed whole once.
  private static final String LAYOUT = "partitioned by period_key";

  private static final ObjectMapper JSON = new ObjectMapper();
  private static final String SILVER = "silver";
  private static final String REFERENCE = "reference";
  private static final String TODAY = "today";
  private static final String LEDGER_RUN = "ledger_run";
  private static final String LAYOUT_KEY = "layout";
  private static final String SPANS = "spans";

  private GoldNote() {}

  /** What gold computed now would depend on. */
  static Map<String, Object> inputs(
      JobContext ctx, Ledger ledger, Map<String, LocalDate> arrivals) {
    Map<String, Object> inputs = new TreeMap<>();
    Map<String, Long> silver = new TreeMap<>();
    for (String kind : RecordKinds.names()) {
      ctx.warehouse()
          .dataVersion(TableName.silver(kind))
          .ifPresent(v -> silver.put("silver." + kind, v));
    }
    inputs.put(SILVER, silver);
    inputs.put(REFERENCE, ctx.reference().digest());
    inputs.put("arrivals", ReportingRates.digest(arrivals));
    inputs.put(TODAY, ctx.today().toString());
    inputs.put(
        LEDGER_RUN,
        ledger.entries().stream()
            .map(LedgerEntry::refinedRun)
            .filter(Objects::nonNull)
            .max(String::compareTo)
            .orElse(null));
    inputs.put("ledger_files", ledger.entries().size());
    inputs.put(LAYOUT_KEY, LAYOUT);
    return inputs;
  }

  /** The note of values computed from {@code inputs} with the kinds' record {@code spans}. */
  static String of(Map<String, Object> inputs, Map<String, Span> spans) {
    Map<String, Object> noted = new TreeMap<>(inputs);
    noted.put(SPANS, Span.toNote(spans));
    return json(noted);
  }

  /** What a note records (unreadable: nothing, so that gold is computed again). */
  static Map<String, Object> parsed(String note) {
    try {
      return JSON.readValue(note, new TypeReference<Map<String, Object>>() {});
    } catch (IOException e) {
      return Map.of();
    }
  }

  /** True when {@code noted} records the same {@code inputs}, whatever its spans. */
  static boolean sameInputs(Map<String, Object> noted, Map<String, Object> inputs) {
    Map<String, Object> recorded = new TreeMap<>(noted);
    recorded.remove(SPANS);
    return json(recorded).equals(json(inputs));
  }

  /**
   * True when {@code noted} was computed from the reference with {@code digest} and laid out as
   * gold is now.
   */
  static boolean sameReferenceAndLayout(Map<String, Object> noted, String digest) {
    return digest.equals(noted.get(REFERENCE)) && LAYOUT.equals(noted.get(LAYOUT_KEY));
  }

  /** The day {@code noted} was computed on. */
  static LocalDate today(Map<String, Object> noted) {
    return LocalDate.parse((String) noted.get(TODAY));
  }

  /** The latest run that had refined a file of the ledger when {@code noted} was computed. */
  static String ledgerRun(Map<String, Object> noted) {
    return (String) noted.get(LEDGER_RUN);
  }

  /** The version of {@code kind}'s silver table {@code noted} was computed from, if it had one. */
  static Optional<Long> silverVersion(Map<String, Object> noted, String kind) {
    return noted.get(SILVER) instanceof Map<?, ?> silver
            && silver.get("silver." + kind) instanceof Number version
        ? Optional.of(version.longValue())
        : Optional.empty();
  }

  /** The spans {@code noted} records, kind → as {@link Span#toNote} wrote it; null when none. */
  static Map<?, ?> spans(Map<String, Object> noted) {
    return noted.get(SPANS) instanceof Map<?, ?> spans ? spans : null;
  }

  /**
   * The span {@code noted} records for {@code kind} when it was computed from the version of silver
   * that {@code inputs} name; null when silver changed since, or nothing was noted.
   */
  static Span span(String kind, Map<String, Object> inputs, Map<String, Object> noted) {
    if (noted == null
        || spans(noted) == null
        || !(noted.get(SILVER) instanceof Map<?, ?> was)
        || !(inputs.get(SILVER) instanceof Map<?, ?> now)) {
      return null;
    }
    Object version = now.get("silver." + kind);
    return version != null
            && String.valueOf(version).equals(String.valueOf(was.get("silver." + kind)))
        ? Span.fromNote(spans(noted).get(kind))
        : null;
  }

  /** {@code value} as JSON. */
  static String json(Object value) {
    try {
      return JSON.writeValueAsString(value);
    } catch (JsonProcessingException e) {
      throw new IllegalStateException(e);
    }
  }
}
