package vn.danvan.indicators;

import static org.apache.spark.sql.functions.expr;
import static vn.danvan.indicators.GoldScope.Extent.EVERYWHERE;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import vn.danvan.indicators.GoldScope.Part;
import vn.danvan.job.JobContext;
import vn.danvan.job.Materialised;
import vn.danvan.ops.Ledger;
import vn.danvan.period.Period;
import vn.danvan.reference.Settings;
import vn.danvan.warehouse.TableName;
import vn.danvan.warehouse.Warehouse;

/**
 * Silver → gold: {@code gold.indicator_values} for every catalogue indicator, unit level, period
 * and basis; {@code gold.reporting_rates}; {@code gold.league}; {@code gold.outliers}. Incremental:
 * of the indicators that read what changed, only the periods that new or superseded submissions and
 * changed reporting rates touch are recomputed, in the provinces they reach, and the periods the
 * passing of time and moved record spans touch everywhere (those that began, and of the indicators
 * reading the date those whose records fall due); only the league and outlier rows that look at
 * them are rewritten ({@link GoldPlanner}, {@link GoldScope}); a changed reference, a new lineage
 * date, a restatement that moved with the date or {@code --full} recomputes all. With {@code
 * --as-of}, gold is computed from the past state and written under {@code <out>/as-of/} instead of
 * the tables.
 */
public final class IndicatorsStage {

  private static final Logger LOG = LoggerFactory.getLogger(IndicatorsStage.class);

  /**
   * What one indicators run did.
   *
   * @param computed false when gold was already up to date
   * @param scope the rows recomputed, null when all were (or none, when not computed); with no
   *     part, no row changed and gold was only noted as of the run's day
   * @param inputs the silver versions and reference digest gold was computed from
   */
  public record Result(boolean computed, GoldScope scope, Map<String, Object> inputs) {}

  private final boolean full;
  // The computations compute left open for their values to be read, closed by release.
  private final List<IndicatorComputation> open = new ArrayList<>();

  private IndicatorsStage(boolean full) {
    this.full = full;
  }

  /** The stage that recomputes only what changed. */
  public static IndicatorsStage incremental() {
    return new IndicatorsStage(false);
  }

  /** The stage that recomputes every period, whatever changed. */
  public static IndicatorsStage full() {
    return new IndicatorsStage(true);
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
    Map<String, Object> inputs = GoldNote.inputs(ctx, ledger, arrivals);
    Optional<String> valuesNote = warehouse.lastNote(TableName.INDICATOR_VALUES);
    Map<String, Object> noted = valuesNote.map(GoldNote::parsed).orElse(null);
    boolean valuesCurrent = !full && noted != null && GoldNote.sameInputs(noted, inputs);
    boolean derivedCurrent = derivedCurrent(warehouse, valuesNote);
    if (valuesCurrent && derivedCurrent) {
      LOG.info("indicators: gold is up to date");
      return new Result(false, null, inputs);
    }
    if (!derivedCurrent && noted != null) {
      LOG.warn(
          "indicators: {} and {} were not derived from {} as it stands (a run stopped between"
              + " them, or they were written before they carried its note): both rewritten whole",
          TableName.LEAGUE,
          TableName.OUTLIERS,
          TableName.INDICATOR_VALUES);
    }
    // Built once from the ledger: it decides the scope, feeds the values and is written.
    List<Row> rateRows = ReportingRates.rows(ctx, ledger.entries(), arrivals);
    try (Materialised rates = Materialised.of(ReportingRates.frame(ctx.spark(), rateRows))) {
      if (valuesCurrent) {
        // Only league and outliers lag: derived again from the values as they stand.
        writeDerived(ctx, rates.frame(), null, valuesNote.get());
        LOG.info(
            "indicators: reporting rates, league and outliers written again in {} s",
            seconds(started));
        return new Result(true, null, inputs);
      }
      Map<String, Span> spans = RecordSpans.of(ctx, inputs, noted);
      GoldScope scope = full ? null : new GoldPlanner(ctx).plan(ledger, noted, rateRows, spans);
      String note = GoldNote.of(inputs, spans);
      if (scope != null && scope.parts().isEmpty() && derivedCurrent) {
        // No row of gold changes (a day passed that brought no period and made nothing due, and
        // the rates are gold's): the day and inputs noted, league last (derivedCurrent). League
        // lagging the values is derived again below, whole.
        warehouse.note(TableName.INDICATOR_VALUES, note);
        warehouse.note(TableName.LEAGUE, note);
        LOG.info("indicators: no value changes; gold noted as of {}", ctx.today());
        return new Result(true, scope, inputs);
      }
      writeValues(ctx, scope, spans, rates.frame(), note);
      LOG.info("indicators: values written in {} s", seconds(started));
      writeDerived(ctx, rates.frame(), derivedCurrent ? scope : null, note);
      LOG.info("indicators: gold written ({}) in {} s", described(scope), seconds(started));
      return new Result(true, scope, inputs);
    }
  }

  /** Every indicator value in {@code scope} (null: all), from the snapshot's silver tables. */
  public Dataset<Row> compute(JobContext ctx, GoldScope scope) {
    IndicatorComputation computation =
        new IndicatorComputation(ctx, scope, RecordSpans.of(ctx, Map.of(), null));
    open.add(computation);
    return computation.values(null);
  }

  /** Frees what {@link #compute} kept. */
  public void release() {
    open.forEach(IndicatorComputation::close);
    open.clear();
  }

  /**
   * The values in {@code scope} (null: all) written with {@code note}: over all of gold, or in
   * place of the scope's rows.
   */
  private static void writeValues(
      JobContext ctx, GoldScope scope, Map<String, Span> spans, Dataset<Row> rates, String note) {
    try (IndicatorComputation computation = new IndicatorComputation(ctx, scope, spans)) {
      Dataset<Row> values = computation.values(rates);
      if (scope == null) {
        ctx.warehouse().overwrite(TableName.INDICATOR_VALUES, values, note);
      } else {
        ctx.warehouse().replaceWhere(TableName.INDICATOR_VALUES, values, scope.predicate(), note);
      }
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
      Files.writeString(
          dir.resolve("versions.json"), GoldNote.json(manifest), StandardCharsets.UTF_8);
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
    List<Period> calendar = IndicatorComputation.calendar(ctx);
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

  private static String seconds(long since) {
    return String.format("%.1f", (System.nanoTime() - since) / 1e9);
  }
}
