package vn.danvan.indicators;

import static org.apache.spark.sql.functions.col;
import static vn.danvan.indicators.GoldScope.Extent.EVERYWHERE;
import static vn.danvan.indicators.GoldScope.Extent.PROVINCES;

import java.time.LocalDate;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.function.Predicate;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.types.StructType;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import vn.danvan.indicators.GoldScope.Part;
import vn.danvan.job.JobContext;
import vn.danvan.ops.Ledger;
import vn.danvan.ops.LedgerEntry;
import vn.danvan.period.Period;
import vn.danvan.period.PeriodCalendar;
import vn.danvan.reference.LineageLink;
import vn.danvan.reference.Settings;
import vn.danvan.reference.UnitDirectory;
import vn.danvan.schema.Lineage;
import vn.danvan.schema.RecordKind;
import vn.danvan.schema.RecordKinds;
import vn.danvan.schema.TableSchemas;
import vn.danvan.warehouse.TableName;

/**
 * Which of gold's rows an incremental run recomputes ({@link GoldScope}): of the indicators each
 * change reaches, the periods the changed submissions and reporting rates report on in the
 * provinces they reach, and the periods the moved record spans and the passing of time touch
 * everywhere. All of them (no scope) when what every value depends on changed: the reference,
 * gold's layout, a lineage date passed, or the restatement moved with the date.
 */
final class GoldPlanner {

  private static final Logger LOG = LoggerFactory.getLogger(GoldPlanner.class);
  // A petition falls due at most this long after it is raised (15 working days and holidays).
  private static final int DUE_WINDOW_DAYS = 45;

  private final JobContext ctx;
  private final Settings settings;
  private final List<Period> calendar;
  private final Readers readers;

  /** The parts found so far: everywhere, and in the provinces the submitting units reach. */
  private static final class Parts {
    final List<Part> everywhere = new ArrayList<>();
    final List<Part> local = new ArrayList<>();
    final Set<String> units = new TreeSet<>();
  }

  GoldPlanner(JobContext ctx) {
    this.ctx = ctx;
    this.settings = ctx.reference().settings();
    this.calendar = IndicatorComputation.calendar(ctx);
    this.readers =
        new Readers(IndicatorDefinition.catalogue(ctx.reference().file("indicators.csv")));
  }

  /**
   * The rows to recompute since gold was computed as its note {@code noted} records (null: none
   * was), given the reporting {@code rates} and the kinds' record {@code spans} as they are now;
   * null for all of them.
   */
  GoldScope plan(
      Ledger ledger, Map<String, Object> noted, List<Row> rates, Map<String, Span> spans) {
    if (noted == null || changedEverywhere(noted)) {
      return null;
    }
    Parts parts = new Parts();
    submissions(ledger, noted, parts);
    movedSpans(GoldNote.spans(noted), spans, parts);
    daysPassed(GoldNote.today(noted), spans, parts);
    changedRates(rates, parts);
    return scopeOf(parts);
  }

  /**
   * True when every value may have changed since gold was computed as {@code noted} records: no
   * gold or rates to start from, another reference or layout, no spans noted, a lineage date passed
   * since, or figures restated onto other units than then.
   */
  private boolean changedEverywhere(Map<String, Object> noted) {
    if (!ctx.warehouse().exists(TableName.INDICATOR_VALUES)
        || !ctx.warehouse().exists(TableName.REPORTING_RATES)
        || !GoldNote.sameReferenceAndLayout(noted, ctx.reference().digest())
        || GoldNote.spans(noted) == null) {
      return true;
    }
    LocalDate before = GoldNote.today(noted);
    boolean lineagePassed =
        ctx.reference().lineage().stream()
            .map(LineageLink::effectiveOn)
            .anyMatch(on -> on.isAfter(before) && !on.isAfter(ctx.today()));
    return lineagePassed || (settings.restateOn() == null && !restatedAlike(before));
  }

  /**
   * The periods of each submission refined since gold was computed as {@code noted} records, in its
   * provinces, of the indicators reading its kind.
   */
  private void submissions(Ledger ledger, Map<String, Object> noted, Parts parts) {
    String lastRun = GoldNote.ledgerRun(noted);
    List<LedgerEntry> changed =
        ledger.entries().stream()
            .filter(e -> e.refinedRun() != null)
            .filter(e -> lastRun == null || e.refinedRun().compareTo(lastRun) > 0)
            .filter(e -> e.periodKey() != null && readers.ofKind(e.kind()).isPresent())
            .toList();
    Map<String, Optional<LocalDate>> statesFrom = new TreeMap<>();
    for (LedgerEntry e : changed) {
      Period file = Period.of(e.periodKey());
      LocalDate from = file.start(settings.periodScheme());
      LocalDate to = file.end(settings.periodScheme());
      RecordKind kind = RecordKinds.find(e.kind()).orElse(null);
      if (kind != null && kind.lifecycleColumn() != null) {
        // A state reported for a period may be dated earlier and holds until it changes.
        Optional<LocalDate> earliest =
            statesFrom.computeIfAbsent(
                kind.name(), k -> earliestChangedState(kind, changed, noted));
        if (earliest.isEmpty()) {
          continue;
        }
        from = earliest.get();
        to = ctx.today();
      }
      parts.local.add(new Part(overlapping(from, to), readers.ofKind(e.kind()).get(), PROVINCES));
      parts.units.add(e.reportingUnit());
    }
  }

  /**
   * The date of the earliest state of {@code kind} that the {@code changed} submissions added to
   * silver or removed from it since the version gold was computed from; empty when none did (the
   * same rows sent again); the first year's first day when it cannot be told.
   */
  private Optional<LocalDate> earliestChangedState(
      RecordKind kind, List<LedgerEntry> changed, Map<String, Object> noted) {
    Object[] submissions =
        changed.stream()
            .filter(e -> kind.name().equals(e.kind()))
            .map(LedgerEntry::submissionId)
            .distinct()
            .toArray();
    Optional<Span> changedStates =
        GoldNote.silverVersion(noted, kind.name())
            .flatMap(
                version ->
                    ctx.warehouse()
                        .rowsChangedSince(
                            TableName.silver(kind.name()),
                            version,
                            col(Lineage.SUBMISSION_ID).isin(submissions),
                            List.of(TableSchemas.silver(kind).fieldNames())))
            .map(Span::of);
    if (changedStates.isEmpty()) {
      LocalDate first = LocalDate.of(settings.firstYear(), 1, 1);
      LOG.info(
          "indicators: which {} states changed cannot be told (silver's log since gold no longer"
              + " whole): from {} on",
          kind.name(),
          first);
      return Optional.of(first);
    }
    Optional<LocalDate> from = Optional.ofNullable(changedStates.get().first());
    LOG.info(
        "indicators: {} states changed {}",
        kind.name(),
        from.map(d -> "from " + d + " on").orElse("in no dated record"));
    return from;
  }

  /**
   * The grid spans the nation's records of a kind (no zeros before the first or after the last):
   * when a kind's first or last date moves, the periods it brings in or leaves out gain or lose
   * every unit's rows of its indicators. The periods covered before and after (the year a new
   * quarter lies in) change only where a submission did. States at a period's end hold after the
   * last record, so their grid moves with the first date alone.
   */
  private void movedSpans(Map<?, ?> noted, Map<String, Span> spans, Parts parts) {
    for (Map.Entry<String, Span> e : spans.entrySet()) {
      Optional<Set<String>> indicators = readers.ofKind(e.getKey());
      if (indicators.isEmpty()) {
        continue;
      }
      Span was = Span.fromNote(noted.get(e.getKey()));
      Set<String> holding = readers.holdingAfterLast(indicators.get());
      Set<String> others = new TreeSet<>(indicators.get());
      others.removeAll(holding);
      for (boolean holdsAfterLast : List.of(false, true)) {
        Set<String> ids = holdsAfterLast ? holding : others;
        if (ids.isEmpty()) {
          continue;
        }
        Set<String> moved = new TreeSet<>();
        for (Period p : calendar) {
          boolean wasCovered =
              was != null && was.covers(p, settings.periodScheme(), holdsAfterLast);
          if (e.getValue().covers(p, settings.periodScheme(), holdsAfterLast) != wasCovered) {
            moved.add(p.key());
          }
        }
        parts.everywhere.add(new Part(moved, ids, EVERYWHERE));
      }
    }
  }

  /**
   * Since {@code before}: the periods that began, in every province, of every indicator; and, of
   * the indicators reading the date, the periods of the records that may have fallen due. A record
   * falls due once, on its deadline, at most {@link #DUE_WINDOW_DAYS} after its date: those that
   * may have since {@code before} are dated from that long before it to today, and lie inside their
   * kind's span (none when a kind's latest records are older: reports of a quarter arrive after
   * it).
   */
  private void daysPassed(LocalDate before, Map<String, Span> spans, Parts parts) {
    if (before.equals(ctx.today())) {
      return;
    }
    parts.everywhere.add(
        Part.ofEvery(
            calendar.stream()
                .filter(p -> p.start(settings.periodScheme()).isAfter(before))
                .map(Period::key)
                .toList(),
            EVERYWHERE));
    readers
        .ofDate()
        .forEach(
            (kind, indicators) -> {
              Span span = spans.get(kind);
              if (span != null && span.first() == null) {
                return;
              }
              LocalDate from = before.minusDays(DUE_WINDOW_DAYS);
              LocalDate to = ctx.today();
              if (span != null) {
                from = from.isAfter(span.first()) ? from : span.first();
                to = to.isBefore(span.last()) ? to : span.last();
              }
              if (!from.isAfter(to)) {
                parts.everywhere.add(new Part(overlapping(from, to), indicators, EVERYWHERE));
              }
            });
  }

  /**
   * Reporting rates change with the ledger (a file received, rejected, late): the periods whose
   * rates {@code now} differ from gold's, and the longer periods containing them, in the rate's
   * province, of the reporting indicators. Compared on the driver, where they were built: a row per
   * unit and period either way.
   */
  private void changedRates(List<Row> now, Parts parts) {
    Set<RateWindow> changed =
        RateWindow.ofDifference(
            ctx.warehouse().read(TableName.REPORTING_RATES).collectAsList(), now);
    LOG.info(
        "indicators: reporting rates changed in {} province × period window(s){}",
        changed.size(),
        changed.isEmpty() ? "" : ", e.g. " + changed.iterator().next());
    if (readers.ofRates().isEmpty()) {
      return;
    }
    for (RateWindow w : changed) {
      parts.local.add(new Part(overlapping(w.start(), w.end()), readers.ofRates(), PROVINCES));
      parts.units.add(w.province());
    }
  }

  /** The scope of {@code parts}; null when it holds every row. */
  private GoldScope scopeOf(Parts parts) {
    Optional<GoldScope.Reach> reach =
        parts.local.isEmpty()
            ? Optional.of(new GoldScope.Reach(Set.of(), Set.of()))
            : GoldScope.reach(ctx.reference().units(), ctx.reference().lineage(), parts.units);
    if (reach.isEmpty()
        || reach
            .get()
            .provinces()
            .containsAll(ctx.reference().units().codesAt(UnitDirectory.PROVINCE))) {
      // A submitter the directory cannot place, or changes reaching every province: their periods
      // are recomputed everywhere, by period alone (at 100 M such changes as a local scope naming
      // every commune ran a 3 GiB heap out of memory; the full recompute does not).
      parts.local.forEach(
          p -> parts.everywhere.add(new Part(p.periods(), p.indicators(), EVERYWHERE)));
      parts.local.clear();
    }
    GoldScope scope =
        new GoldScope(
            Stream.concat(parts.everywhere.stream(), parts.local.stream()).toList(),
            reach.map(GoldScope.Reach::provinces).orElse(Set.of()),
            reach.map(GoldScope.Reach::communes).orElse(Set.of()));
    Set<String> allPeriods = calendar.stream().map(Period::key).collect(Collectors.toSet());
    boolean whole =
        scope.parts().stream()
            .anyMatch(
                p ->
                    p.extent() == EVERYWHERE
                        && p.indicators().isEmpty()
                        && p.periods().containsAll(allPeriods));
    return whole ? null : scope;
  }

  /** True when the figures restated onto {@code before}'s units are restated alike today. */
  private boolean restatedAlike(LocalDate before) {
    UnitDirectory units = ctx.reference().units();
    List<LineageLink> lineage = ctx.reference().lineage();
    return Set.copyOf(Restatement.rows(units, lineage, before))
        .equals(Set.copyOf(Restatement.rows(units, lineage, ctx.today())));
  }

  /** The keys of the calendar's periods that overlap {@code from}…{@code to}. */
  private Set<String> overlapping(LocalDate from, LocalDate to) {
    Set<String> periods = new TreeSet<>();
    for (Period p : calendar) {
      if (!p.end(settings.periodScheme()).isBefore(from)
          && !p.start(settings.periodScheme()).isAfter(to)) {
        periods.add(p.key());
      }
    }
    return periods;
  }

  /**
   * Which indicators of the catalogue read what: a record kind (through their source), the run's
   * date, the reporting rates.
   */
  private static final class Readers {
    private final List<IndicatorDefinition> catalogue;

    Readers(List<IndicatorDefinition> catalogue) {
      this.catalogue = catalogue;
    }

    /**
     * The indicators whose source reads {@code kind}: empty when none does; every indicator (an
     * empty set) when the kind is unknown.
     */
    Optional<Set<String>> ofKind(String kind) {
      if (kind == null || RecordKinds.find(kind).isEmpty()) {
        return Optional.of(Set.of());
      }
      Set<String> ids =
          ids(
              d ->
                  !IndicatorSources.REPORTING.equals(d.source())
                      && IndicatorSources.kindOf(d.source()).name().equals(kind));
      return ids.isEmpty() ? Optional.empty() : Optional.of(ids);
    }

    /**
     * The indicators whose figures read the run's date, by the kind they read (a source of no kind
     * under the empty name).
     */
    Map<String, Set<String>> ofDate() {
      return catalogue.stream()
          .filter(d -> d.reads(IndicatorSources.AS_OF_COLUMNS))
          .collect(
              Collectors.groupingBy(
                  d ->
                      IndicatorSources.REPORTING.equals(d.source())
                          ? ""
                          : IndicatorSources.kindOf(d.source()).name(),
                  TreeMap::new,
                  Collectors.mapping(
                      IndicatorDefinition::id, Collectors.toCollection(TreeSet::new))));
    }

    /** Of {@code ids}, those whose records hold after the last one: states at a period's end. */
    Set<String> holdingAfterLast(Set<String> ids) {
      return ids(d -> ids.contains(d.id()) && IndicatorSources.holdsAfterLast(d.source()));
    }

    /** The indicators computed from the reporting rates. */
    Set<String> ofRates() {
      return ids(d -> IndicatorSources.REPORTING.equals(d.source()));
    }

    private Set<String> ids(Predicate<IndicatorDefinition> reads) {
      return catalogue.stream()
          .filter(reads)
          .map(IndicatorDefinition::id)
          .collect(Collectors.toCollection(TreeSet::new));
    }
  }

  /** The dates and province of a reporting rate that changed. */
  private record RateWindow(LocalDate start, LocalDate end, String province) {

    /** The windows of the rows in one of {@code was} and {@code now} but not the other. */
    static Set<RateWindow> ofDifference(List<Row> was, List<Row> now) {
      Set<Row> before = new HashSet<>(was);
      Set<Row> after = new HashSet<>(now);
      Set<RateWindow> windows = new LinkedHashSet<>();
      for (Row r : was) {
        if (!after.contains(r)) {
          windows.add(of(r));
        }
      }
      for (Row r : now) {
        if (!before.contains(r)) {
          windows.add(of(r));
        }
      }
      return windows;
    }

    private static RateWindow of(Row rate) {
      StructType schema = ReportingRates.SCHEMA;
      return new RateWindow(
          rate.getDate(schema.fieldIndex(PeriodCalendar.PERIOD_START)).toLocalDate(),
          rate.getDate(schema.fieldIndex(PeriodCalendar.PERIOD_END)).toLocalDate(),
          rate.getString(schema.fieldIndex(IndicatorEngine.PROVINCE)));
    }
  }
}
