package vn.danvan.indicators;

import static org.apache.spark.sql.functions.col;
import static org.apache.spark.sql.functions.expr;

import java.time.LocalDate;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.TreeMap;
import java.util.stream.Collectors;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.RowFactory;
import org.apache.spark.sql.types.DataTypes;
import org.apache.spark.sql.types.StructType;
import vn.danvan.errors.DanvanException;
import vn.danvan.job.JobContext;
import vn.danvan.job.Materialised;
import vn.danvan.period.Period;
import vn.danvan.period.PeriodCalendar;
import vn.danvan.period.PeriodColumns;
import vn.danvan.reference.ReferenceTables;
import vn.danvan.reference.Settings;
import vn.danvan.reference.UnitDirectory;
import vn.danvan.reference.UnitVersion;
import vn.danvan.schema.RecordKind;
import vn.danvan.schema.TableSchemas;
import vn.danvan.text.CsvTable;
import vn.danvan.warehouse.TableName;

/**
 * The rows of {@code gold.indicator_values} in a scope, from the snapshot's silver tables: the
 * commune × period grid, each source's commune figures on it, both bases summed up the hierarchy,
 * and their values, intervals, targets and statuses. Frames that feed more than one query are
 * materialised ({@link Materialised}) and kept until closed.
 */
final class IndicatorComputation implements AutoCloseable {

  private final JobContext ctx;
  private final GoldScope scope;
  private final Map<String, Span> spans;
  private final Settings settings;
  private final UnitDirectory units;
  private final List<IndicatorDefinition> catalogue;
  private final List<Period> phases;
  private final List<Period> calendar;
  private final List<Period> periods;
  private final List<Materialised> kept = new ArrayList<>();

  /**
   * The computation of the values in {@code scope} (null: all) over the kinds' record {@code
   * spans}; fails when two targets hold at once.
   */
  IndicatorComputation(JobContext ctx, GoldScope scope, Map<String, Span> spans) {
    checkTargets(ctx.reference().file("targets.csv"));
    this.ctx = ctx;
    this.scope = scope;
    this.spans = spans;
    this.settings = ctx.reference().settings();
    this.units = ctx.reference().units();
    this.catalogue = IndicatorDefinition.catalogue(ctx.reference().file("indicators.csv"));
    this.phases = phases(ctx.reference().file("phases.csv"));
    this.calendar = calendar(ctx, phases);
    Set<String> inScope = scope == null ? null : scope.allPeriods();
    this.periods =
        calendar.stream().filter(p -> inScope == null || inScope.contains(p.key())).toList();
  }

  /**
   * Every value in the scope; the reporting indicators' from {@code rates} ({@code
   * gold.reporting_rates}' rows; null: built from the snapshot's ledger).
   */
  Dataset<Row> values(Dataset<Row> rates) {
    Intervals.registerPoisson(ctx.spark());
    Dataset<Row> periodFrame = PeriodCalendar.frame(ctx.spark(), periods, settings.periodScheme());
    Dataset<Row> versions = UnitGrid.communeVersions(ctx.spark(), units);
    Dataset<Row> figures =
        communeFigures(grid(versions, periodFrame), context(versions, periodFrame));
    Dataset<Row> catalogueFrame =
        IndicatorValues.catalogueFrame(ctx.spark(), catalogue, settings.minDenominator());
    Dataset<Row> targets = ReferenceTables.frame(ctx.spark(), ctx.reference().file("targets.csv"));
    Dataset<Row> values =
        figures == null
            ? ctx.spark().createDataFrame(List.of(), IndicatorValues.SCHEMA)
            : IndicatorValues.withValues(onBothBases(figures), catalogueFrame, targets);
    List<IndicatorDefinition> reporting =
        catalogue.stream().filter(d -> IndicatorSources.REPORTING.equals(d.source())).toList();
    if (!reporting.isEmpty()) {
      Dataset<Row> rateFigures =
          ReportingFigures.of(
              rates == null ? materialised(ReportingRates.of(ctx)) : rates,
              reporting,
              phases,
              ctx.spark(),
              settings.periodScheme());
      values = values.unionByName(IndicatorValues.withValues(rateFigures, catalogueFrame, targets));
    }
    // The scope's communes' records also make partial sums for provinces outside it: left out.
    return scope == null ? values : values.filter(expr(scope.predicate()));
  }

  /** Frees what the computation kept. */
  @Override
  public void close() {
    kept.forEach(Materialised::close);
    kept.clear();
  }

  /** Every period from the first year to today (phases included), none starting after today. */
  static List<Period> calendar(JobContext ctx) {
    return calendar(ctx, phases(ctx.reference().file("phases.csv")));
  }

  private static List<Period> calendar(JobContext ctx, List<Period> phases) {
    Settings settings = ctx.reference().settings();
    return PeriodCalendar.periods(settings.firstYear(), ctx.today().getYear(), phases).stream()
        .filter(p -> !p.start(settings.periodScheme()).isAfter(ctx.today()))
        .toList();
  }

  /** The grid of the scope's communes and periods, with the communes' targets (quotas). */
  private Dataset<Row> grid(Dataset<Row> versions, Dataset<Row> periodFrame) {
    Dataset<Row> grid = UnitGrid.grid(versions, periodFrame);
    return materialised(
        withCommuneTargets(
            scope == null ? grid : grid.filter(expr(scope.communePredicate())),
            ctx.reference().file("targets.csv")));
  }

  /** What the sources read beside silver: units, periods, phases, restatement, working days. */
  private IndicatorSources.Context context(Dataset<Row> versions, Dataset<Row> periodFrame) {
    return new IndicatorSources.Context(
        versions,
        periodFrame,
        settings.periodScheme(),
        phases,
        Restatement.successors(ctx.spark(), units, ctx.reference().lineage()),
        ctx.reference()
            .workingDays()
            .frame(
                ctx.spark(),
                LocalDate.of(settings.firstYear() - 1, 1, 1),
                ctx.today().plusYears(1)),
        settings.petitionDeadlineWorkingDays(),
        ctx.today());
  }

  /**
   * The commune figures of every source with periods in the scope, computed once (both bases start
   * from them) and analysed apart from the steps after them; null when no source has any.
   */
  private Dataset<Row> communeFigures(Dataset<Row> grid, IndicatorSources.Context context) {
    Map<String, List<IndicatorDefinition>> bySource =
        catalogue.stream()
            .filter(d -> !IndicatorSources.REPORTING.equals(d.source()))
            .collect(
                Collectors.groupingBy(
                    IndicatorDefinition::source, LinkedHashMap::new, Collectors.toList()));
    Dataset<Row> figures = null;
    for (Map.Entry<String, List<IndicatorDefinition>> e : bySource.entrySet()) {
      GoldScope sourceScope =
          scope == null
              ? null
              : scope.forIndicators(e.getValue().stream().map(IndicatorDefinition::id).toList());
      if (sourceScope != null && sourceScope.allPeriods().isEmpty()) {
        continue;
      }
      Dataset<Row> some = sourceFigures(e.getKey(), e.getValue(), sourceScope, grid, context);
      figures = figures == null ? some : figures.unionByName(some);
    }
    return figures == null ? null : materialised(figures);
  }

  /** The commune figures of one {@code source}'s indicators in {@code sourceScope} (null: all). */
  private Dataset<Row> sourceFigures(
      String source,
      List<IndicatorDefinition> definitions,
      GoldScope sourceScope,
      Dataset<Row> grid,
      IndicatorSources.Context context) {
    RecordKind kind = IndicatorSources.kindOf(source);
    // A state at a period's end is dated on or before it, and holds after the last record too.
    boolean statesAtEnd = IndicatorSources.holdsAfterLast(source);
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
    Dataset<Row> records = IndicatorSources.records(source, scoped, context);
    // Periods before the first and after the last record are left out, whichever commune's.
    Dataset<Row> covered =
        covered(
            sourceScope == null ? grid : grid.filter(expr(sourceScope.communePredicate())),
            spans.get(kind.name()),
            statesAtEnd);
    return IndicatorEngine.communeFigures(covered, records, definitions);
  }

  /** Commune, district and province rows of {@code figures}, as reported and restated. */
  private Dataset<Row> onBothBases(Dataset<Row> figures) {
    Dataset<Row> names = unitNames();
    LocalDate restateOn = settings.restateOn() == null ? ctx.today() : settings.restateOn();
    Dataset<Row> restatement =
        Restatement.frame(ctx.spark(), units, ctx.reference().lineage(), restateOn);
    return IndicatorEngine.asReported(figures, names)
        .unionByName(IndicatorEngine.restated(figures, restatement, names));
  }

  /**
   * The grid cut to the periods the source's records span ({@link Span#covers}): no zeros before or
   * after them.
   */
  private Dataset<Row> covered(Dataset<Row> grid, Span span, boolean holdsAfterLast) {
    Object[] keys =
        periods.stream()
            .filter(p -> span != null && span.covers(p, settings.periodScheme(), holdsAfterLast))
            .map(Period::key)
            .toArray();
    return keys.length == 0 ? grid.limit(0) : grid.filter(col(PeriodColumns.PERIOD_KEY).isin(keys));
  }

  /** Each unit's latest name, by code. */
  private Dataset<Row> unitNames() {
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
   * {@code frame} computed now and kept until {@link #close} ({@link Materialised}): it feeds more
   * than one query.
   */
  private Dataset<Row> materialised(Dataset<Row> frame) {
    Materialised rows = Materialised.of(frame);
    kept.add(rows);
    return rows.frame();
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
        if (sameTarget(a, b) && overlap(a, b)) {
          throw new DanvanException(
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

  /** True when targets {@code a} and {@code b} are of the same indicator, level and period type. */
  private static boolean sameTarget(Map<String, String> a, Map<String, String> b) {
    return Objects.equals(a.get("indicator_id"), b.get("indicator_id"))
        && Objects.equals(a.get("unit_level"), b.get("unit_level"))
        && Objects.equals(a.get("period_type"), b.get("period_type"));
  }

  /** True when the validity of targets {@code a} and {@code b} overlaps. */
  private static boolean overlap(Map<String, String> a, Map<String, String> b) {
    String aFrom = a.get("valid_from") == null ? "0000" : a.get("valid_from");
    String aTo = a.get("valid_to") == null ? "9999" : a.get("valid_to");
    String bFrom = b.get("valid_from") == null ? "0000" : b.get("valid_from");
    String bTo = b.get("valid_to") == null ? "9999" : b.get("valid_to");
    return aFrom.compareTo(bTo) <= 0 && bFrom.compareTo(aTo) <= 0;
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

  /** The phases of {@code phases.csv}. */
  private static List<Period> phases(CsvTable table) {
    List<Period> phases = new ArrayList<>();
    for (Map<String, String> r : table.rows()) {
      phases.add(
          Period.phase(
              Integer.parseInt(r.get("first_year")), Integer.parseInt(r.get("last_year"))));
    }
    return phases;
  }
}
