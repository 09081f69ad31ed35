package vn.danvan.indicators;

import static org.apache.spark.sql.functions.col;
import static org.apache.spark.sql.functions.expr;
import static org.apache.spark.sql.functions.lit;
import static org.apache.spark.sql.functions.max;
import static org.apache.spark.sql.functions.min;

import java.time.LocalDate;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.TreeMap;
import java.util.stream.Collectors;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.RowFactory;
import org.apache.spark.sql.types.DataTypes;
import org.apache.spark.sql.types.StructType;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import vn.danvan.job.JobContext;
import vn.danvan.period.Period;
import vn.danvan.period.PeriodCalendar;
import vn.danvan.reference.ReferenceTables;
import vn.danvan.reference.Settings;
import vn.danvan.reference.UnitDirectory;
import vn.danvan.reference.UnitVersion;
import vn.danvan.schema.RecordKinds;
import vn.danvan.schema.TableSchemas;
import vn.danvan.text.CsvTable;
import vn.danvan.warehouse.TableName;
import vn.danvan.warehouse.Warehouse;

/**
 * Silver → {@code gold.indicator_values}: every catalogue indicator for every unit level, period
 * and basis. Skipped when neither silver nor the reference data changed since gold was last
 * written.
 */
public final class IndicatorsStage {

  private static final Logger LOG = LoggerFactory.getLogger(IndicatorsStage.class);

  /**
   * What one indicators run did.
   *
   * @param computed false when gold was already up to date
   * @param inputs the silver versions and reference digest gold was computed from
   */
  public record Result(boolean computed, String inputs) {}

  /** Computes gold when its inputs changed. */
  public Result execute(JobContext ctx) {
    Warehouse warehouse = ctx.warehouse();
    String inputs = inputs(ctx);
    if (warehouse.lastNote(TableName.INDICATOR_VALUES).map(inputs::equals).orElse(false)) {
      LOG.info("indicators: gold is up to date");
      return new Result(false, inputs);
    }
    long started = System.nanoTime();
    Dataset<Row> values = compute(ctx);
    warehouse.overwrite(TableName.INDICATOR_VALUES, values, inputs);
    LOG.info(
        "indicators: gold.indicator_values written in {} s",
        String.format("%.1f", (System.nanoTime() - started) / 1e9));
    return new Result(true, inputs);
  }

  /** Every indicator value, from the current silver tables and reference data. */
  public Dataset<Row> compute(JobContext ctx) {
    Settings settings = ctx.reference().settings();
    UnitDirectory units = ctx.reference().units();
    List<IndicatorDefinition> catalogue =
        IndicatorDefinition.catalogue(ctx.reference().file("indicators.csv"));
    List<Period> phases = phases(ctx.reference().file("phases.csv"));
    List<Period> periods =
        PeriodCalendar.periods(settings.firstYear(), ctx.today().getYear(), phases).stream()
            .filter(p -> !p.start(settings.periodScheme()).isAfter(ctx.today()))
            .toList();
    Dataset<Row> versions = UnitGrid.communeVersions(ctx.spark(), units);
    Dataset<Row> grid =
        withCommuneTargets(
            UnitGrid.grid(
                versions, PeriodCalendar.frame(ctx.spark(), periods, settings.periodScheme())),
            ctx.reference().file("targets.csv"));
    Dataset<Row> figures = null;
    Map<String, List<IndicatorDefinition>> bySource =
        catalogue.stream()
            .collect(
                Collectors.groupingBy(
                    IndicatorDefinition::source, LinkedHashMap::new, Collectors.toList()));
    for (Map.Entry<String, List<IndicatorDefinition>> e : bySource.entrySet()) {
      TableName table = TableName.silver(e.getKey());
      Dataset<Row> silver =
          ctx.warehouse().readOrEmpty(table, TableSchemas.silver(RecordKinds.of(e.getKey())));
      Row span = silver.agg(min(TableSchemas.RECORD_DATE), max(TableSchemas.RECORD_DATE)).first();
      if (span.isNullAt(0)) {
        continue;
      }
      // Periods before the first record or after the last are not reported on: no zeros for them.
      Dataset<Row> covered =
          grid.filter(
              col(PeriodCalendar.PERIOD_END)
                  .geq(lit(span.getDate(0)))
                  .and(col(PeriodCalendar.PERIOD_START).leq(lit(span.getDate(1)))));
      Dataset<Row> records =
          IndicatorSources.records(e.getKey(), silver, versions, settings.periodScheme(), phases);
      Dataset<Row> part = IndicatorEngine.communeFigures(covered, records, e.getValue());
      figures = figures == null ? part : figures.unionByName(part);
    }
    if (figures == null) {
      return ctx.spark().createDataFrame(List.of(), IndicatorValues.SCHEMA);
    }
    Dataset<Row> names = unitNames(ctx, units);
    LocalDate restateOn = settings.restateOn() == null ? ctx.today() : settings.restateOn();
    Dataset<Row> restatement =
        Restatement.frame(ctx.spark(), units, ctx.reference().lineage(), restateOn);
    Dataset<Row> bothBases =
        IndicatorEngine.asReported(figures, names)
            .unionByName(IndicatorEngine.restated(figures, restatement, names));
    return IndicatorValues.withValues(
        bothBases,
        IndicatorValues.catalogueFrame(ctx.spark(), catalogue, settings.minDenominator()),
        ReferenceTables.frame(ctx.spark(), ctx.reference().file("targets.csv")));
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

  private static List<Period> phases(CsvTable table) {
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

  /** The versions of the silver tables and the reference digest that gold depends on. */
  private static String inputs(JobContext ctx) {
    Map<String, Object> inputs = new TreeMap<>();
    for (String kind : RecordKinds.names()) {
      inputs.put("silver." + kind, ctx.warehouse().version(TableName.silver(kind)).orElse(-1L));
    }
    inputs.put("reference", ctx.reference().digest());
    inputs.put("today", ctx.today().toString());
    return inputs.toString();
  }
}
