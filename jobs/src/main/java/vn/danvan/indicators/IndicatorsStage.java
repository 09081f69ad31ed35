package vn.danvan.indicators;

import static org.apache.spark.sql.functions.col;
import static org.apache.spark.sql.functions.expr;
import static vn.danvan.indicators.GoldScope.Extent.EVERYWHERE;
import static vn.danvan.indicators.GoldScope.Extent.PROVINCES;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.type.TypeReference;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.concurrent.Callable;
import java.util.function.Predicate;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.RowFactory;
import org.apache.spark.sql.types.DataTypes;
import org.apache.spark.sql.types.StructType;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import vn.danvan.indicators.GoldScope.Part;
import vn.danvan.job.JobContext;
import vn.danvan.job.Materialised;
import vn.danvan.job.Parallel;
import vn.danvan.ops.FileLedger;
import vn.danvan.ops.Ledger;
import vn.danvan.ops.LedgerEntry;
import vn.danvan.period.Period;
import vn.danvan.period.PeriodCalendar;
import vn.danvan.period.PeriodColumns;
import vn.danvan.period.PeriodScheme;
import vn.danvan.reference.LineageLink;
import vn.danvan.reference.ReferenceTables;
import vn.danvan.reference.Settings;
import vn.danvan.reference.UnitDirectory;
import vn.danvan.reference.UnitVersion;
import vn.danvan.reference.WorkingDays;
import vn.danvan.schema.RecordKind;
import vn.danvan.schema.RecordKinds;
import vn.danvan.schema.TableSchemas;
import vn.danvan.text.CsvTable;
import vn.danvan.warehouse.TableName;
import vn.danvan.warehouse.Warehouse;

/**
 * Silver → gold: {@code gold.indicator_values} for every catalogue indicator, unit level, period
 * and basis; {@code gold.reporting_rates}; {@code gold.league}; {@code gold.outliers}. Incremental:
 * of the indicators that read what changed, only the periods that new or superseded submissions and
 * changed reporting rates touch are recomputed, in the provinces they reach, and the periods the
 * passing of time and moved record spans touch everywhere (those that began, and of the indicators
 * reading the date those whose records fall due); only the league and outlier rows that look at
 * them are rewritten ({@link GoldScope}); a changed reference, a new lineage date, a restatement
 * that moved with the date or {@code --full} recomputes all. With {@code --as-of}, gold is computed
 * from the past state and written under {@code <out>/as-of/} instead of the tables.
 */
public final class IndicatorsStage {

  private static final Logger LOG = LoggerFactory.getLogger(IndicatorsStage.class);
  private static final ObjectMapper JSON = new ObjectMapper();
  // A petition falls due at most this long after it is raised (15 working days and holidays).
  private static final int DUE_WINDOW_DAYS = 45;
  // Recorded with gold: a warehouse whose gold was laid out otherwise is recomputed whole once.
  private static final String LAYOUT = "partitioned by period_key";
  // Gold's note key for the kinds' record spans (see covered).
  private static final String SPANS = "spans";

  /**
   * What one indicators run did.
   *
   * @param computed false when gold was already up to date
   * @param scope the rows recomputed, null when all were (or none, when not computed)
   * @param inputs the silver versions and reference digest gold was computed from
   */
  public record Result(boolean computed, GoldScope scope, Map<String, Object> inputs) {}

  private final boolean full;
  // What compute keeps for its steps, freed by release.
  private final List<Materialised> kept = new ArrayList<>();

  /** The stage; {@code full} recomputes every period whatever changed. */
  public IndicatorsStage(boolean full) {
    this.full = full;
  }

  /** Computes gold where its inputs changed. */
  public Result execute(JobContext ctx) {
    long started = System.nanoTime();
    if (ctx.snapshot().isPast()) {
      return pastState(ctx, started);
    }
    Warehouse warehouse = ctx.warehouse();
    Ledger ledger = ctx.ledger().current();
    // Read once: it is one of gold's inputs and it dates the rates.
    Map<String, LocalDate> arrivals = ReportingRates.arrivals(ctx);
    Map<String, Object> inputs = inputs(ctx, ledger, arrivals);
    Optional<String> valuesNote = warehouse.lastNote(TableName.INDICATOR_VALUES);
    Optional<Map<String, Object>> previous = valuesNote.map(IndicatorsStage::parsed);
    boolean valuesCurrent =
        !full && previous.map(p -> json(withoutSpans(p)).equals(json(inputs))).orElse(false);
    boolean derivedCurrent = derivedCurrent(warehouse, valuesNote);
    if (valuesCurrent && derivedCurrent) {
      LOG.info("indicators: gold is up to date");
      return new Result(false, null, inputs);
    }
    if (!derivedCurrent && previous.isPresent()) {
      LOG.warn(
          "indicators: {} and {} were not derived from {} as it stands (a run stopped between"
              + " them, or they were written before they carried its note): both rewritten whole",
          TableName.LEAGUE,
          TableName.OUTLIERS,
          TableName.INDICATOR_VALUES);
    }
    // Built once from the ledger: it decides the scope, feeds the values and is written.
    List<Row> rateRows = reportingRateRows(ctx, ledger.entries(), arrivals);
    try (Materialised rates = Materialised.of(ReportingRates.frame(ctx.spark(), rateRows))) {
      if (valuesCurrent) {
        // Only league and outliers lag: derived again from the values as they stand.
        writeDerived(ctx, rates.frame(), null, valuesNote.get());
        LOG.info(
            "indicators: reporting rates, league and outliers written again in {} s",
            seconds(started));
        return new Result(true, null, inputs);
      }
      Map<String, Span> spans = spans(ctx, inputs, previous.orElse(null));
      GoldScope scope = plan(ctx, ledger, previous.orElse(null), rateRows, spans);
      Dataset<Row> values = compute(ctx, scope, rates.frame(), spans);
      Map<String, Object> noted = new TreeMap<>(inputs);
      noted.put(SPANS, Span.toNote(spans));
      String note = json(noted);
      try {
        if (scope == null) {
          warehouse.overwrite(TableName.INDICATOR_VALUES, values, note);
        } else {
          warehouse.replaceWhere(TableName.INDICATOR_VALUES, values, scope.predicate(), note);
        }
      } finally {
        release();
      }
      LOG.info("indicators: values written in {} s", seconds(started));
      writeDerived(ctx, rates.frame(), derivedCurrent ? scope : null, note);
      LOG.info("indicators: gold written ({}) in {} s", described(scope), seconds(started));
      return new Result(true, scope, inputs);
    }
  }

  private static String described(GoldScope scope) {
    if (scope == null) {
      return "all periods";
    }
    List<String> parts = new ArrayList<>();
    for (Part p : scope.parts()) {
      parts.add(
          p.periods().size()
              + " period(s) "
              + (p.extent() == EVERYWHERE
                  ? "everywhere"
                  : "of province(s) " + String.join(", ", scope.provinces()))
              + (p.indicators().isEmpty() ? "" : " of " + String.join(", ", p.indicators())));
    }
    return parts.isEmpty() ? "no period" : String.join("; ", parts);
  }

  /** Gold computed from a past state, written as CSV under {@code <out>/as-of/<label>/}. */
  private Result pastState(JobContext ctx, long started) {
    Dataset<Row> values = compute(ctx, null);
    Path dir = Path.of(ctx.out(), "as-of", ctx.snapshot().label());
    List<Row> rows =
        values.orderBy("indicator_id", "basis", "unit_code", "period_key").collectAsList();
    release();
    try {
      Files.createDirectories(dir);
      StringBuilder csv = new StringBuilder(String.join(",", values.columns())).append('\n');
      for (Row r : rows) {
        List<String> cells = new ArrayList<>();
        for (int i = 0; i < r.size(); i++) {
          cells.add(r.isNullAt(i) ? "" : "\"" + r.get(i).toString().replace("\"", "\"\"") + "\"");
        }
        csv.append(String.join(",", cells)).append('\n');
      }
      Files.writeString(dir.resolve("indicator_values.csv"), csv, StandardCharsets.UTF_8);
      Map<String, Object> manifest = new LinkedHashMap<>();
      manifest.put("as_of", ctx.snapshot().label());
      manifest.put("run_id", ctx.runId());
      manifest.put("versions_read", ctx.snapshot().versionsRead());
      Files.writeString(dir.resolve("versions.json"), json(manifest), StandardCharsets.UTF_8);
    } catch (IOException e) {
      throw new UncheckedIOException("Cannot write " + dir, e);
    }
    LOG.info(
        "indicators: {} value(s) as of {} written to {} in {} s (tables read: {})",
        rows.size(),
        ctx.snapshot().label(),
        dir,
        String.format("%.1f", (System.nanoTime() - started) / 1e9),
        ctx.snapshot().versionsRead());
    return new Result(true, null, Map.of("versions_read", ctx.snapshot().versionsRead()));
  }

  /**
   * {@code frame} computed now and kept until {@link #release} ({@link Materialised}): it feeds
   * more than one query.
   */
  private Dataset<Row> materialised(Dataset<Row> frame) {
    Materialised rows = Materialised.of(frame);
    kept.add(rows);
    return rows.frame();
  }

  /** Frees what {@link #compute} kept in memory. */
  public void release() {
    kept.forEach(Materialised::close);
    kept.clear();
  }

  /**
   * Fails when two rows of targets.csv hold for the same indicator, level and period type at once.
   */
  static void checkTargets(CsvTable targets) {
    List<Map<String, String>> rows = targets.rows();
    for (int i = 0; i < rows.size(); i++) {
      for (int j = i + 1; j < rows.size(); j++) {
        Map<String, String> a = rows.get(i);
        Map<String, String> b = rows.get(j);
        boolean same =
            java.util.Objects.equals(a.get("indicator_id"), b.get("indicator_id"))
                && java.util.Objects.equals(a.get("unit_level"), b.get("unit_level"))
                && java.util.Objects.equals(a.get("period_type"), b.get("period_type"));
        String aFrom = a.get("valid_from") == null ? "0000" : a.get("valid_from");
        String aTo = a.get("valid_to") == null ? "9999" : a.get("valid_to");
        String bFrom = b.get("valid_from") == null ? "0000" : b.get("valid_from");
        String bTo = b.get("valid_to") == null ? "9999" : b.get("valid_to");
        if (same && aFrom.compareTo(bTo) <= 0 && bFrom.compareTo(aTo) <= 0) {
          throw new vn.danvan.errors.DanvanException(
              targets.name()
                  + ", rows "
                  + (i + 2)
                  + " and "
                  + (j + 2)
                  + ": two targets of "
                  + a.get("indicator_id")
                  + " ("
                  + a.get("unit_level")
                  + ", "
                  + a.get("period_type")
                  + ") hold at the same time; end one with valid_to before the other's valid_from");
        }
      }
    }
  }

  /** Every indicator value in {@code scope} (null: all), from the snapshot's silver tables. */
  public Dataset<Row> compute(JobContext ctx, GoldScope scope) {
    return compute(ctx, scope, null, spans(ctx, Map.of(), null));
  }

  /**
   * As {@link #compute(JobContext, GoldScope)}, with the reporting rates already built (null:
   * build) and the kinds' record spans.
   */
  private Dataset<Row> compute(
      JobContext ctx, GoldScope scope, Dataset<Row> builtRates, Map<String, Span> spans) {
    checkTargets(ctx.reference().file("targets.csv"));
    Settings settings = ctx.reference().settings();
    UnitDirectory units = ctx.reference().units();
    List<IndicatorDefinition> catalogue =
        IndicatorDefinition.catalogue(ctx.reference().file("indicators.csv"));
    List<Period> phases = phases(ctx.reference().file("phases.csv"));
    List<Period> calendar = calendar(ctx, phases);
    Set<String> periods = scope == null ? null : scope.allPeriods();
    List<Period> chosen =
        calendar.stream().filter(p -> periods == null || periods.contains(p.key())).toList();
    Intervals.registerPoisson(ctx.spark());
    Dataset<Row> periodFrame = PeriodCalendar.frame(ctx.spark(), chosen, settings.periodScheme());
    Dataset<Row> versions = UnitGrid.communeVersions(ctx.spark(), units);
    Dataset<Row> fullGrid = UnitGrid.grid(versions, periodFrame);
    Dataset<Row> grid =
        materialised(
            withCommuneTargets(
                scope == null ? fullGrid : fullGrid.filter(expr(scope.communePredicate())),
                ctx.reference().file("targets.csv")));
    IndicatorSources.Context context =
        new IndicatorSources.Context(
            versions,
            periodFrame,
            settings.periodScheme(),
            phases,
            Restatement.successors(ctx.spark(), units, ctx.reference().lineage()),
            workingDays(ctx)
                .frame(
                    ctx.spark(),
                    LocalDate.of(settings.firstYear() - 1, 1, 1),
                    ctx.today().plusYears(1)),
            settings.petitionDeadlineWorkingDays(),
            ctx.today());
    Dataset<Row> figures = null;
    Map<String, List<IndicatorDefinition>> bySource =
        catalogue.stream()
            .filter(d -> !IndicatorSources.REPORTING.equals(d.source()))
            .collect(
                Collectors.groupingBy(
                    IndicatorDefinition::source, LinkedHashMap::new, Collectors.toList()));
    for (Map.Entry<String, List<IndicatorDefinition>> e : bySource.entrySet()) {
      RecordKind kind = IndicatorSources.kindOf(e.getKey());
      GoldScope sourceScope =
          scope == null
              ? null
              : scope.forIndicators(e.getValue().stream().map(IndicatorDefinition::id).toList());
      if (sourceScope != null && sourceScope.allPeriods().isEmpty()) {
        continue;
      }
      // A state at a period's end is dated on or before it, and holds after the last record too.
      boolean statesAtEnd = IndicatorSources.MODELS_AT_END.equals(e.getKey());
      Dataset<Row> silver =
          ctx.snapshot().read(TableName.silver(kind.name()), TableSchemas.silver(kind));
      // Only records dated in the scope's periods (of its communes, for the local part) count.
      Dataset<Row> scoped =
          sourceScope == null
              ? silver
              : silver.filter(
                  expr(
                      sourceScope.recordPredicate(
                          calendar, settings.periodScheme(), statesAtEnd, units)));
      Dataset<Row> records = IndicatorSources.records(e.getKey(), scoped, context);
      // Periods before the first and after the last record are left out, whichever commune's.
      Dataset<Row> covered =
          covered(
              sourceScope == null ? grid : grid.filter(expr(sourceScope.communePredicate())),
              spans.get(kind.name()),
              statesAtEnd,
              chosen,
              settings.periodScheme());
      Dataset<Row> some = IndicatorEngine.communeFigures(covered, records, e.getValue());
      figures = figures == null ? some : figures.unionByName(some);
    }
    // Both bases start from the same commune figures: compute them once, and analyse the steps
    // after them without the plan that made them.
    figures = figures == null ? null : materialised(figures);
    Dataset<Row> names = unitNames(ctx, units);
    LocalDate restateOn = settings.restateOn() == null ? ctx.today() : settings.restateOn();
    Dataset<Row> restatement =
        Restatement.frame(ctx.spark(), units, ctx.reference().lineage(), restateOn);
    Dataset<Row> catalogueFrame =
        IndicatorValues.catalogueFrame(ctx.spark(), catalogue, settings.minDenominator());
    Dataset<Row> targets = ReferenceTables.frame(ctx.spark(), ctx.reference().file("targets.csv"));
    Dataset<Row> values =
        figures == null
            ? ctx.spark().createDataFrame(List.of(), IndicatorValues.SCHEMA)
            : IndicatorValues.withValues(
                IndicatorEngine.asReported(figures, names)
                    .unionByName(IndicatorEngine.restated(figures, restatement, names)),
                catalogueFrame,
                targets);
    List<IndicatorDefinition> reporting =
        catalogue.stream().filter(d -> IndicatorSources.REPORTING.equals(d.source())).toList();
    if (!reporting.isEmpty()) {
      Dataset<Row> rates = builtRates == null ? materialised(reportingRates(ctx)) : builtRates;
      Dataset<Row> rateFigures =
          ReportingFigures.of(rates, reporting, phases, ctx.spark(), settings.periodScheme());
      values = values.unionByName(IndicatorValues.withValues(rateFigures, catalogueFrame, targets));
    }
    // The scope's communes' records also make partial sums for provinces outside it: left out.
    return scope == null ? values : values.filter(expr(scope.predicate()));
  }

  /**
   * The grid cut to the {@code periods} the source's records span ({@link Span#covers}): no zeros
   * before or after them.
   */
  private static Dataset<Row> covered(
      Dataset<Row> grid,
      Span span,
      boolean holdsAfterLast,
      List<Period> periods,
      PeriodScheme scheme) {
    Object[] keys =
        periods.stream()
            .filter(p -> span != null && span.covers(p, scheme, holdsAfterLast))
            .map(Period::key)
            .toArray();
    return keys.length == 0 ? grid.limit(0) : grid.filter(col(PeriodColumns.PERIOD_KEY).isin(keys));
  }

  /**
   * The span gold noted for {@code kind} when it was computed from the version of silver the run
   * reads; null when silver changed since, or nothing was noted.
   */
  private static Span notedSpan(
      String kind, Map<String, Object> inputs, Map<String, Object> previous) {
    if (previous == null
        || !(previous.get(SPANS) instanceof Map<?, ?> noted)
        || !(previous.get("silver") instanceof Map<?, ?> was)
        || !(inputs.get("silver") instanceof Map<?, ?> now)) {
      return null;
    }
    Object version = now.get("silver." + kind);
    return version != null
            && String.valueOf(version).equals(String.valueOf(was.get("silver." + kind)))
        ? Span.fromNote(noted.get(kind))
        : null;
  }

  /**
   * The first and last record date of each kind's silver rows: as gold noted them for the same
   * version of silver, else from the table. One bare aggregate per table: Delta answers it from the
   * files' statistics without reading them (a column added beside the aggregates, or a union of
   * them, makes it scan the table); the tables' aggregates run side by side.
   */
  private static Map<String, Span> spans(
      JobContext ctx, Map<String, Object> inputs, Map<String, Object> previous) {
    List<RecordKind> kinds = RecordKinds.all();
    List<Span> found =
        Parallel.run(
            kinds.stream()
                .<Callable<Span>>map(
                    kind ->
                        () -> {
                          Span noted = notedSpan(kind.name(), inputs, previous);
                          return noted != null ? noted : span(ctx, kind);
                        })
                .toList());
    Map<String, Span> spans = new TreeMap<>();
    for (int i = 0; i < kinds.size(); i++) {
      spans.put(kinds.get(i).name(), found.get(i));
    }
    return spans;
  }

  private static Span span(JobContext ctx, RecordKind kind) {
    Row r =
        ctx.snapshot()
            .read(TableName.silver(kind.name()), TableSchemas.silver(kind))
            .agg(
                org.apache.spark.sql.functions.min(TableSchemas.RECORD_DATE),
                org.apache.spark.sql.functions.max(TableSchemas.RECORD_DATE))
            .first();
    return new Span(
        r.isNullAt(0) ? null : r.getDate(0).toLocalDate(),
        r.isNullAt(1) ? null : r.getDate(1).toLocalDate());
  }

  /**
   * The gold rows to recompute: null for all; otherwise, of the indicators each change reaches, the
   * periods the changed submissions and reporting rates report on in the provinces they reach, and
   * the periods the moved record spans and the passing of time touch everywhere.
   */
  private GoldScope plan(
      JobContext ctx,
      Ledger ledger,
      Map<String, Object> previous,
      List<Row> now,
      Map<String, Span> spans) {
    if (full || previous == null || !ctx.warehouse().exists(TableName.INDICATOR_VALUES)) {
      return null;
    }
    if (!previous.get("reference").equals(ctx.reference().digest())
        || !LAYOUT.equals(previous.get("layout"))
        || !(previous.get(SPANS) instanceof Map<?, ?> noted)
        || !ctx.warehouse().exists(TableName.REPORTING_RATES)) {
      return null;
    }
    LocalDate before = LocalDate.parse((String) previous.get("today"));
    for (LineageLink link : ctx.reference().lineage()) {
      if (link.effectiveOn().isAfter(before) && !link.effectiveOn().isAfter(ctx.today())) {
        return null;
      }
    }
    Settings settings = ctx.reference().settings();
    if (settings.restateOn() == null && !restatedAlike(ctx, before)) {
      return null;
    }
    String lastRun = (String) previous.get("ledger_run");
    List<Period> calendar = calendar(ctx, phases(ctx.reference().file("phases.csv")));
    Readers readers =
        new Readers(IndicatorDefinition.catalogue(ctx.reference().file("indicators.csv")));
    List<Part> everywhere = new ArrayList<>();
    List<Part> local = new ArrayList<>();
    Set<String> units = new TreeSet<>();
    for (LedgerEntry e : ledger.entries()) {
      boolean changed =
          e.refinedRun() != null && (lastRun == null || e.refinedRun().compareTo(lastRun) > 0);
      Optional<Set<String>> indicators = readers.ofKind(e.kind());
      if (!changed || e.periodKey() == null || indicators.isEmpty()) {
        continue;
      }
      Period file = Period.of(e.periodKey());
      LocalDate from = file.start(settings.periodScheme());
      LocalDate to = file.end(settings.periodScheme());
      RecordKind kind = RecordKinds.find(e.kind()).orElse(null);
      if (kind != null && kind.lifecycleColumn() != null) {
        // A state reported for a period may be dated earlier and holds until it changes.
        to = ctx.today();
        from = LocalDate.of(settings.firstYear(), 1, 1);
      }
      local.add(new Part(overlapping(calendar, settings, from, to), indicators.get(), PROVINCES));
      units.add(e.reportingUnit());
    }
    // The grid spans the nation's records of a kind (no zeros before the first or after the last):
    // when a kind's first or last date moves, the periods it brings in or leaves out gain or lose
    // every unit's rows of its indicators. The periods covered before and after (the year a new
    // quarter lies in) change only where a submission did. Judged by the first and last date both,
    // whatever the source: states at a period's end, covered from the first date alone, change in
    // fewer.
    for (Map.Entry<String, Span> e : spans.entrySet()) {
      Optional<Set<String>> indicators = readers.ofKind(e.getKey());
      if (indicators.isEmpty()) {
        continue;
      }
      Span was = Span.fromNote(noted.get(e.getKey()));
      Set<String> moved = new TreeSet<>();
      for (Period p : calendar) {
        boolean wasCovered = was != null && was.covers(p, settings.periodScheme(), false);
        if (e.getValue().covers(p, settings.periodScheme(), false) != wasCovered) {
          moved.add(p.key());
        }
      }
      everywhere.add(new Part(moved, indicators.get(), EVERYWHERE));
    }
    if (!before.equals(ctx.today())) {
      // Periods begin as days pass, in every province: every indicator's rows of them.
      everywhere.add(
          Part.ofEvery(
              calendar.stream()
                  .filter(p -> p.start(settings.periodScheme()).isAfter(before))
                  .map(Period::key)
                  .toList(),
              EVERYWHERE));
      // Petitions fall due: the rows of the indicators reading the date, of the periods of the
      // records that may have.
      if (!readers.ofDate().isEmpty()) {
        everywhere.add(
            new Part(
                overlapping(calendar, settings, before.minusDays(DUE_WINDOW_DAYS), ctx.today()),
                readers.ofDate(),
                EVERYWHERE));
      }
    }
    // Reporting rates change with the ledger (a file received, rejected, late): the periods whose
    // rates differ from gold's, and the longer periods containing them, in the rate's province, of
    // the reporting indicators. Compared on the driver, where they were built: a row per unit and
    // period either way.
    Set<RateWindow> changedRates =
        RateWindow.ofDifference(
            ctx.warehouse().read(TableName.REPORTING_RATES).collectAsList(), now);
    LOG.info(
        "indicators: reporting rates changed in {} province × period window(s){}",
        changedRates.size(),
        changedRates.isEmpty() ? "" : ", e.g. " + changedRates.iterator().next());
    if (!readers.ofRates().isEmpty()) {
      for (RateWindow w : changedRates) {
        local.add(
            new Part(
                overlapping(calendar, settings, w.start(), w.end()), readers.ofRates(), PROVINCES));
        units.add(w.province());
      }
    }
    Optional<GoldScope.Reach> reach =
        local.isEmpty()
            ? Optional.of(new GoldScope.Reach(Set.of(), Set.of()))
            : GoldScope.reach(ctx.reference().units(), ctx.reference().lineage(), units);
    if (reach.isEmpty()
        || reach
            .get()
            .provinces()
            .containsAll(ctx.reference().units().codesAt(UnitDirectory.PROVINCE))) {
      // A submitter the directory cannot place, or changes reaching every province: their periods
      // are recomputed everywhere, by period alone (at 100 M such changes as a local scope naming
      // every commune ran a 3 GiB heap out of memory; the full recompute does not).
      local.forEach(p -> everywhere.add(new Part(p.periods(), p.indicators(), EVERYWHERE)));
      local.clear();
    }
    GoldScope scope =
        new GoldScope(
            Stream.concat(everywhere.stream(), local.stream()).toList(),
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

    /** The indicators whose figures read the run's date. */
    Set<String> ofDate() {
      return ids(d -> d.reads(IndicatorSources.AS_OF_COLUMNS));
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

  /** True when the figures restated onto {@code before}'s units are restated alike today. */
  private static boolean restatedAlike(JobContext ctx, LocalDate before) {
    UnitDirectory units = ctx.reference().units();
    List<LineageLink> lineage = ctx.reference().lineage();
    return Set.copyOf(Restatement.rows(units, lineage, before))
        .equals(Set.copyOf(Restatement.rows(units, lineage, ctx.today())));
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

  /** The keys of the periods of {@code calendar} that overlap {@code from}…{@code to}. */
  private static Set<String> overlapping(
      List<Period> calendar, Settings settings, LocalDate from, LocalDate to) {
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
   * True when league and outliers were derived from the values as they stand: league, written last
   * of gold, carries {@code valuesNote}, the note of {@code gold.indicator_values}' latest commit.
   * A run that stops after writing the values and before league leaves league or outliers behind
   * while the values' note would tell the next run that all of gold is up to date: the next run
   * rewrites both whole. Outliers' own note cannot tell: Delta records no commit for a write that
   * changes nothing (an empty table written empty, {@code skipRecordingEmptyCommits}).
   */
  private static boolean derivedCurrent(Warehouse warehouse, Optional<String> valuesNote) {
    return valuesNote.isPresent() && valuesNote.equals(warehouse.lastNote(TableName.LEAGUE));
  }

  /**
   * Reporting rates rewritten; league and outliers rewritten from the current gold values — all of
   * them, or with a {@code scope} only the rows the recomputed values touch ({@link
   * GoldScope#derived}) — each with the values' {@code note}, league last ({@link
   * #derivedCurrent}).
   */
  private void writeDerived(JobContext ctx, Dataset<Row> rates, GoldScope scope, String note) {
    Settings settings = ctx.reference().settings();
    Warehouse warehouse = ctx.warehouse();
    warehouse.overwrite(TableName.REPORTING_RATES, rates);
    Dataset<Row> values = warehouse.read(TableName.INDICATOR_VALUES);
    Dataset<Row> catalogue =
        IndicatorValues.catalogueFrame(
            ctx.spark(),
            IndicatorDefinition.catalogue(ctx.reference().file("indicators.csv")),
            settings.minDenominator());
    List<Period> calendar = calendar(ctx, phases(ctx.reference().file("phases.csv")));
    boolean whole =
        scope == null
            || !warehouse.exists(TableName.LEAGUE)
            || !warehouse.exists(TableName.OUTLIERS);
    GoldScope.Derived derived = whole ? null : scope.derived(calendar);
    Dataset<Row> read = whole ? values : values.filter(expr(derived.read().predicate()));
    Dataset<Row> league = LeagueTable.of(read, catalogue, LeagueTable.steps(ctx.spark(), calendar));
    Dataset<Row> outliers =
        Outliers.of(
            read,
            catalogue,
            settings.outlierZThreshold(),
            settings.outlierMinUnits(),
            settings.outlierMinCount(),
            settings.yoyRatioHigh(),
            settings.yoyRatioLow());
    // Outliers first, league last: league's note vouches for both (derivedCurrent).
    long started = System.nanoTime();
    if (whole) {
      warehouse.overwrite(TableName.OUTLIERS, outliers, note);
      LOG.info("indicators: outliers written in {} s", seconds(started));
      started = System.nanoTime();
      warehouse.overwrite(TableName.LEAGUE, league, note);
      LOG.info("indicators: league written in {} s", seconds(started));
    } else {
      String rewritten = derived.rewritten().predicate();
      warehouse.replaceWhere(TableName.OUTLIERS, outliers.filter(expr(rewritten)), rewritten, note);
      LOG.info("indicators: outliers rewritten in {} s", seconds(started));
      started = System.nanoTime();
      warehouse.replaceWhere(TableName.LEAGUE, league.filter(expr(rewritten)), rewritten, note);
      LOG.info(
          "indicators: league rewritten ({}), from {} period(s), in {} s",
          described(derived.rewritten()),
          derived.read().allPeriods().size(),
          seconds(started));
    }
  }

  private Dataset<Row> reportingRates(JobContext ctx) {
    if (ctx.snapshot().isPast()) {
      Ledger past = Ledger.of(ctx.snapshot().read(TableName.FILES, FileLedger.SCHEMA));
      return reportingRates(ctx, past.entries(), ReportingRates.arrivals(ctx));
    }
    return reportingRates(ctx, ctx.ledger().current().entries(), ReportingRates.arrivals(ctx));
  }

  private Dataset<Row> reportingRates(
      JobContext ctx, List<LedgerEntry> entries, Map<String, LocalDate> arrivals) {
    return ReportingRates.frame(ctx.spark(), reportingRateRows(ctx, entries, arrivals));
  }

  private static List<Row> reportingRateRows(
      JobContext ctx, List<LedgerEntry> entries, Map<String, LocalDate> arrivals) {
    Settings settings = ctx.reference().settings();
    return ReportingRates.rows(
        entries,
        arrivals,
        ctx.reference().units(),
        workingDays(ctx),
        settings.periodScheme(),
        settings.reportDeadlineWorkingDays(),
        ctx.today());
  }

  private static String seconds(long since) {
    return String.format("%.1f", (System.nanoTime() - since) / 1e9);
  }

  private static WorkingDays workingDays(JobContext ctx) {
    return WorkingDays.from(ctx.reference().file("holidays.csv"));
  }

  /** Every period from the first year to today (phases included), none starting after today. */
  private static List<Period> calendar(JobContext ctx, List<Period> phases) {
    Settings settings = ctx.reference().settings();
    return PeriodCalendar.periods(settings.firstYear(), ctx.today().getYear(), phases).stream()
        .filter(p -> !p.start(settings.periodScheme()).isAfter(ctx.today()))
        .toList();
  }

  /** Adds {@code target_<indicator>} for each indicator with commune-level targets (quotas). */
  static Dataset<Row> withCommuneTargets(Dataset<Row> grid, CsvTable targets) {
    Map<String, List<Map<String, String>>> byIndicator = new TreeMap<>();
    for (Map<String, String> t : targets.rows()) {
      if ("commune".equals(t.get("unit_level"))) {
        byIndicator.computeIfAbsent(t.get("indicator_id"), i -> new ArrayList<>()).add(t);
      }
    }
    Dataset<Row> result = grid;
    for (Map.Entry<String, List<Map<String, String>>> e : byIndicator.entrySet()) {
      StringBuilder sql = new StringBuilder("CASE");
      for (Map<String, String> t : e.getValue()) {
        sql.append(" WHEN period_type = '")
            .append(t.get("period_type"))
            .append("' AND period_end >= DATE'")
            .append(t.get("valid_from") == null ? "1900-01-01" : t.get("valid_from"))
            .append("' AND period_end <= DATE'")
            .append(t.get("valid_to") == null ? "9999-12-31" : t.get("valid_to"))
            .append("' THEN ")
            .append(Double.parseDouble(t.get("target")));
      }
      sql.append(" END");
      result =
          result.withColumn("target_" + e.getKey().toLowerCase(Locale.ROOT), expr(sql.toString()));
    }
    return result;
  }

  static List<Period> phases(CsvTable table) {
    List<Period> phases = new ArrayList<>();
    for (Map<String, String> r : table.rows()) {
      phases.add(
          Period.phase(
              Integer.parseInt(r.get("first_year")), Integer.parseInt(r.get("last_year"))));
    }
    return phases;
  }

  private static Dataset<Row> unitNames(JobContext ctx, UnitDirectory units) {
    Map<String, UnitVersion> latest = new LinkedHashMap<>();
    for (UnitVersion u : units.versions()) {
      latest.merge(u.code(), u, (a, b) -> a.validFrom().isAfter(b.validFrom()) ? a : b);
    }
    List<Row> rows = new ArrayList<>();
    latest.values().forEach(u -> rows.add(RowFactory.create(u.code(), u.name())));
    StructType schema =
        DataTypes.createStructType(
            List.of(
                DataTypes.createStructField("_name_code", DataTypes.StringType, false),
                DataTypes.createStructField("_name", DataTypes.StringType, false)));
    return ctx.spark().createDataFrame(rows, schema);
  }

  /**
   * The versions of silver, the reference digest, the arrival register, the date and the ledger
   * gold depends on.
   */
  private static Map<String, Object> inputs(
      JobContext ctx, Ledger ledger, Map<String, LocalDate> arrivals) {
    Map<String, Object> inputs = new TreeMap<>();
    Map<String, Long> silver = new TreeMap<>();
    for (String kind : RecordKinds.names()) {
      ctx.warehouse()
          .dataVersion(TableName.silver(kind))
          .ifPresent(v -> silver.put("silver." + kind, v));
    }
    inputs.put("silver", silver);
    inputs.put("reference", ctx.reference().digest());
    inputs.put("arrivals", ReportingRates.digest(arrivals));
    inputs.put("today", ctx.today().toString());
    inputs.put(
        "ledger_run",
        ledger.entries().stream()
            .map(LedgerEntry::refinedRun)
            .filter(r -> r != null)
            .max(String::compareTo)
            .orElse(null));
    inputs.put("ledger_files", ledger.entries().size());
    inputs.put("layout", LAYOUT);
    return inputs;
  }

  private static Map<String, Object> withoutSpans(Map<String, Object> noted) {
    Map<String, Object> inputs = new TreeMap<>(noted);
    inputs.remove(SPANS);
    return inputs;
  }

  /** What a gold note records (unreadable: nothing, so that gold is computed again). */
  private static Map<String, Object> parsed(String note) {
    try {
      return JSON.readValue(note, new TypeReference<Map<String, Object>>() {});
    } catch (IOException e) {
      return Map.of();
    }
  }

  private static String json(Object value) {
    try {
      return JSON.writeValueAsString(value);
    } catch (JsonProcessingException e) {
      throw new IllegalStateException(e);
    }
  }
}
