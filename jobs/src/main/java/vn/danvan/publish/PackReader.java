package vn.danvan.publish;

import static org.apache.spark.sql.functions.col;
import static org.apache.spark.sql.functions.count;
import static org.apache.spark.sql.functions.lit;
import static org.apache.spark.sql.functions.row_number;

import java.sql.Date;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import org.apache.spark.sql.Column;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.catalyst.expressions.GenericRowWithSchema;
import org.apache.spark.sql.expressions.Window;
import org.apache.spark.sql.functions;
import org.apache.spark.sql.types.StructField;
import org.apache.spark.sql.types.StructType;
import vn.danvan.errors.DanvanException;
import vn.danvan.indicators.IndicatorDefinition;
import vn.danvan.indicators.IndicatorEngine;
import vn.danvan.indicators.IndicatorValues;
import vn.danvan.indicators.LeagueTable;
import vn.danvan.indicators.Outliers;
import vn.danvan.job.JobContext;
import vn.danvan.period.Period;
import vn.danvan.period.PeriodScheme;
import vn.danvan.period.PeriodType;
import vn.danvan.reference.LineageLink;
import vn.danvan.reference.Settings;
import vn.danvan.schema.RecordKinds;
import vn.danvan.schema.TableSchemas;
import vn.danvan.warehouse.TableName;

/**
 * Reads what review packs show from gold (and the models' states from silver), through the
 * command's snapshot, so a pack published {@code --as-of} shows that past state. The periods of a
 * publish are read from Spark together, for every province; the packs are then cut from them on the
 * driver.
 */
final class PackReader {

  private static final int TREND_PERIODS = 8;

  /** How many of the latest quarters and years {@link #latestComplete} asks first. */
  private static final int RECENT_QUARTERS = 5;

  private static final int RECENT_YEARS = 3;

  /** The columns of a value row the trend chart reads. */
  private static final List<String> TREND_COLUMNS =
      List.of(
          "basis", "unit_code", "unit_name", "unit_level", "province_code", "period_key", "value");

  private static final List<String> UNIT_INDICATORS =
      List.of("SAT_RATE", "OUT_EM_PER_AREA", "OUT_EM_PER_1000");

  /** The table holding the models' states, and the columns of it a pack reads. */
  static final TableName MODELS = TableName.silver("models");

  static final List<String> MODEL_COLUMNS =
      List.of(
          "record_id",
          TableSchemas.RECORD_DATE,
          TableSchemas.PROVINCE_CODE,
          "field",
          "holder_type",
          "status");

  private final JobContext ctx;
  private final Dataset<Row> values;
  private final List<IndicatorDefinition> catalogue;
  private final Map<String, PeriodRows> periods = new HashMap<>();

  PackReader(JobContext ctx) {
    this.ctx = ctx;
    // Not cached: a pack's queries name its periods and read only their partitions; caching the
    // whole table read every period of a nation's gold to publish two (~2 minutes at 10 M).
    this.values = ctx.snapshot().read(TableName.INDICATOR_VALUES, IndicatorValues.SCHEMA);
    this.catalogue = IndicatorDefinition.catalogue(ctx.reference().file("indicators.csv"));
  }

  /** Gold's rows of one period that packs need, on the driver. */
  private record PeriodRows(
      List<Row> provinces,
      List<Row> units,
      List<Row> trend,
      List<Row> league,
      List<Row> outliers,
      List<Row> models) {}

  /**
   * The latest quarter and year that have ended before today and have figures: the periods with
   * satisfaction figures read in one query, the latest of each type picked here. The recent
   * quarters and years are asked first, a query of their partitions alone; every period only when a
   * type has no figures among them.
   */
  List<Period> latestComplete() {
    // A month on: under the reporting regime a quarter's window begins on the 15th before it.
    List<Period> anchors = Period.containing(ctx.today().plusMonths(1));
    Set<String> recent = new TreeSet<>();
    for (Period anchor : anchors) {
      if (anchor.type() == PeriodType.QUARTER || anchor.type() == PeriodType.YEAR) {
        int back = anchor.type() == PeriodType.QUARTER ? RECENT_QUARTERS : RECENT_YEARS;
        Period p = anchor;
        for (int i = 0; i < back; i++) {
          recent.add(p.key());
          p = p.previous();
        }
      }
    }
    List<Period> latest = latestEnded(col("period_key").isin(recent.toArray()));
    return latest.size() == 2 ? latest : latestEnded(lit(true));
  }

  /** The latest quarter and year among the periods {@code among} keeps, as above. */
  private List<Period> latestEnded(Column among) {
    List<Row> ended =
        values
            .filter(among)
            .filter(
                col("period_type")
                    .isin("quarter", "year")
                    .and(col("period_end").lt(lit(Date.valueOf(ctx.today()))))
                    .and(col("indicator_id").equalTo("SAT_RATE")))
            .select("period_type", "period_key", "period_end")
            .distinct()
            .collectAsList();
    List<Period> latest = new ArrayList<>();
    for (String type : List.of("quarter", "year")) {
      ended.stream()
          .filter(r -> type.equals(r.getString(0)))
          .max(
              Comparator.comparing((Row r) -> r.getDate(2))
                  .thenComparing((Row r) -> r.getString(1), Comparator.reverseOrder()))
          .ifPresent(r -> latest.add(Period.of(r.getString(1))));
    }
    return latest;
  }

  /**
   * Reads what the packs of {@code wanted} show, all periods in one pass over gold's values, one
   * over the league and one over the outliers (the models' states: one query a period, as each
   * period ends on its own day).
   */
  void readAhead(List<Period> wanted) {
    List<Period> unread =
        wanted.stream().filter(p -> !periods.containsKey(p.key())).distinct().toList();
    if (!unread.isEmpty()) {
      periods.putAll(collect(unread));
    }
  }

  /** The provinces gold has figures of for {@code period}. */
  List<String> provinces(Period period) {
    Set<String> codes = new TreeSet<>();
    rows(period).provinces().forEach(r -> codes.add(r.getAs("unit_code")));
    return new ArrayList<>(codes);
  }

  /**
   * The province a pack of {@code province} for {@code period} shows: itself, or the province that
   * holds its territory today when it did not exist through the whole period.
   */
  String packProvince(Period period, String province) {
    return basis(period, province).equals(IndicatorEngine.AS_REPORTED)
        ? province
        : restatedProvince(province);
  }

  /** The pack of {@code province} for {@code period}. */
  PackData read(Period period, String province) {
    String basis = basis(period, province);
    String pack = basis.equals(IndicatorEngine.AS_REPORTED) ? province : restatedProvince(province);
    PeriodRows rows = rows(period);
    List<Row> provinceRows =
        rows.provinces().stream()
            .filter(r -> basis.equals(r.getAs("basis")) && pack.equals(r.getAs("unit_code")))
            .toList();
    if (provinceRows.isEmpty()) {
      throw new DanvanException(
          "gold has no figures of province "
              + pack
              + " for "
              + period.key()
              + "; see danvan status");
    }
    List<Row> units =
        rows.units().stream()
            .filter(r -> basis.equals(r.getAs("basis")) && pack.equals(r.getAs("province_code")))
            .toList();
    String level =
        units.stream().anyMatch(r -> "district".equals(r.getAs("unit_level")))
            ? "district"
            : "commune";
    List<Row> ofLevel = units.stream().filter(r -> level.equals(r.getAs("unit_level"))).toList();
    List<Row> trend =
        rows.trend().stream()
            .filter(
                r ->
                    basis.equals(r.getAs("basis"))
                        && pack.equals(r.getAs("province_code"))
                        && (level.equals(r.getAs("unit_level"))
                            || "province".equals(r.getAs("unit_level"))))
            .toList();
    TreeSet<String> order = new TreeSet<>();
    ofLevel.forEach(r -> order.add(r.getAs("unit_code")));
    trend.stream()
        .filter(r -> level.equals(r.getAs("unit_level")))
        .forEach(r -> order.add(r.getAs("unit_code")));
    return new PackData(
        period,
        basis,
        pack,
        provinceRows.get(0).getAs("unit_name"),
        level,
        new ArrayList<>(order),
        indicators(provinceRows),
        league(rows, basis, level, pack),
        trend(trend),
        target(provinceRows),
        funnel(ofLevel),
        outreach(ofLevel),
        models(rows, pack),
        outliers(rows, basis, pack));
  }

  /**
   * The partitions (period keys) a pack of {@code period} reads, by table: the values of the
   * periods its trend shows (itself among them), the league and the outliers of the period. Of the
   * models' states it reads those dated up to {@link #modelsUntil}.
   */
  static Map<TableName, Set<String>> partitionsRead(Period period) {
    return Map.of(
        TableName.INDICATOR_VALUES,
        trendKeys(period),
        TableName.LEAGUE,
        Set.of(period.key()),
        TableName.OUTLIERS,
        Set.of(period.key()));
  }

  /** The last day whose models' states a pack of {@code period} reads: each model's latest. */
  static LocalDate modelsUntil(Period period, PeriodScheme scheme) {
    return period.end(scheme);
  }

  /** The periods a trend ending with {@code period} shows: it and those of its type before it. */
  private static Set<String> trendKeys(Period period) {
    Set<String> keys = new HashSet<>();
    Period p = period;
    for (int i = 0; i < TREND_PERIODS; i++) {
      keys.add(p.key());
      p = p.previous();
    }
    return keys;
  }

  private PeriodRows rows(Period period) {
    readAhead(List.of(period));
    return periods.get(period.key());
  }

  /** Gold's rows (and silver.models') for {@code wanted}, every province at once, by period key. */
  private Map<String, PeriodRows> collect(List<Period> wanted) {
    Map<String, Set<String>> trendKeys = new HashMap<>();
    Set<String> packKeys = new TreeSet<>();
    Set<String> allKeys = new TreeSet<>();
    for (Period period : wanted) {
      Set<String> keys = trendKeys(period);
      trendKeys.put(period.key(), keys);
      packKeys.add(period.key());
      allKeys.addAll(keys); // a period's trend holds the period itself
    }
    Column ofPacks = col("period_key").isin(packKeys.toArray());
    List<Row> valueRows =
        values
            .filter(col("period_key").isin(allKeys.toArray()))
            .filter(
                ofPacks
                    .and(
                        col("unit_level")
                            .equalTo("province")
                            .or(
                                col("unit_level")
                                    .isin("district", "commune")
                                    .and(col("indicator_id").isin(UNIT_INDICATORS.toArray()))))
                    .or(col("indicator_id").equalTo("SAT_RATE")))
            .collectAsList();
    Map<String, List<Row>> league;
    Map<String, List<Row>> outliers;
    Settings s = ctx.reference().settings();
    if (!ctx.snapshot().isPast()
        && ctx.warehouse().exists(TableName.LEAGUE)
        && ctx.warehouse().exists(TableName.OUTLIERS)) {
      // The latest state: gold already holds the league and the outliers.
      Dataset<Row> empty = ctx.spark().emptyDataFrame();
      league =
          byPeriod(
              ctx.snapshot()
                  .read(TableName.LEAGUE, empty.schema())
                  .filter(ofPacks.and(col("indicator_id").equalTo("SAT_RATE")))
                  .collectAsList());
      outliers =
          byPeriod(
              ctx.snapshot()
                  .read(TableName.OUTLIERS, empty.schema())
                  .filter(ofPacks)
                  .collectAsList());
    } else {
      // A past state: derive them from the values as they were.
      league = new HashMap<>();
      outliers = new HashMap<>();
      Dataset<Row> satisfaction = values.filter(col("indicator_id").equalTo("SAT_RATE"));
      Dataset<Row> catalogueFrame =
          IndicatorValues.catalogueFrame(ctx.spark(), catalogue, s.minDenominator());
      for (Period period : wanted) {
        league.put(
            period.key(),
            LeagueTable.of(
                    satisfaction, catalogueFrame, LeagueTable.steps(ctx.spark(), List.of(period)))
                .filter(col("period_key").equalTo(period.key()))
                .collectAsList());
        outliers.put(
            period.key(),
            Outliers.of(
                    values.filter(col("period_type").equalTo(period.type().label())),
                    catalogueFrame,
                    s.outlierZThreshold(),
                    s.outlierMinUnits(),
                    s.outlierMinCount(),
                    s.yoyRatioHigh(),
                    s.yoyRatioLow())
                .filter(col("period_key").equalTo(period.key()))
                .collectAsList());
      }
    }
    StructType valueSchema = values.schema();
    int[] trendAt = TREND_COLUMNS.stream().mapToInt(valueSchema::fieldIndex).toArray();
    StructType trendSchema =
        new StructType(TREND_COLUMNS.stream().map(valueSchema::apply).toArray(StructField[]::new));
    Map<String, PeriodRows> result = new HashMap<>();
    for (Period period : wanted) {
      String key = period.key();
      Set<String> trendOf = trendKeys.get(key);
      List<Row> provinces = new ArrayList<>();
      List<Row> units = new ArrayList<>();
      List<Row> trend = new ArrayList<>();
      for (Row r : valueRows) {
        String rowKey = r.getAs("period_key");
        String level = r.getAs("unit_level");
        String indicator = r.getAs("indicator_id");
        if (key.equals(rowKey) && "province".equals(level)) {
          provinces.add(r);
        }
        if (key.equals(rowKey)
            && ("district".equals(level) || "commune".equals(level))
            && UNIT_INDICATORS.contains(indicator)) {
          units.add(r);
        }
        if ("SAT_RATE".equals(indicator) && trendOf.contains(rowKey)) {
          trend.add(trendPoint(r, trendAt, trendSchema));
        }
      }
      result.put(
          key,
          new PeriodRows(
              ordered(provinces),
              ordered(units),
              ordered(trend),
              ordered(league.getOrDefault(key, List.of())),
              ordered(outliers.getOrDefault(key, List.of())),
              ordered(models(modelsUntil(period, s.periodScheme())))));
    }
    return result;
  }

  /** {@code value} cut to the trend's columns, at {@code at} in the value rows. */
  private static Row trendPoint(Row value, int[] at, StructType schema) {
    Object[] cells = new Object[at.length];
    for (int i = 0; i < at.length; i++) {
      cells[i] = value.get(at[i]);
    }
    return new GenericRowWithSchema(cells, schema);
  }

  private static Map<String, List<Row>> byPeriod(List<Row> rows) {
    Map<String, List<Row>> result = new HashMap<>();
    rows.forEach(r -> result.computeIfAbsent(r.getAs("period_key"), k -> new ArrayList<>()).add(r));
    return result;
  }

  /** The models' latest states on {@code end}, counted by province, field, holder and state. */
  private List<Row> models(LocalDate end) {
    return ctx.snapshot()
        .read(MODELS, TableSchemas.silver(RecordKinds.of("models")))
        .select(MODEL_COLUMNS.stream().map(functions::col).toArray(Column[]::new))
        .filter(col(TableSchemas.RECORD_DATE).leq(lit(Date.valueOf(end))))
        .withColumn(
            "_latest",
            row_number()
                .over(
                    Window.partitionBy(col("record_id"))
                        .orderBy(col(TableSchemas.RECORD_DATE).desc())))
        .filter(col("_latest").equalTo(1).and(col("field").isNotNull()))
        .groupBy(
            col(TableSchemas.PROVINCE_CODE),
            col("field"),
            col("holder_type").equalTo("collective").as("collective"),
            col("status").isin("recognised", "commended").as("recognised"))
        .agg(count(lit(1)).as("n"))
        .collectAsList();
  }

  /**
   * {@code rows} in a fixed order: Spark returns them in the order its tasks finish, and a pack
   * drawn from the same figures must come out the same (series, table rows, its digest).
   */
  private static List<Row> ordered(List<Row> rows) {
    // Each row's text once: a comparator calling toString sorted 100 000 rows in seconds.
    return rows.stream()
        .map(r -> Map.entry(r.toString(), r))
        .sorted(Map.Entry.comparingByKey())
        .map(Map.Entry::getValue)
        .toList();
  }

  /** As reported when one province held the whole period; restated across a reorganisation. */
  private String basis(Period period, String province) {
    Settings settings = ctx.reference().settings();
    boolean whole =
        ctx.reference().units().versions().stream()
            .anyMatch(
                u ->
                    u.code().equals(province)
                        && !u.validFrom().isAfter(period.start(settings.periodScheme()))
                        && !u.validTo().isBefore(period.end(settings.periodScheme())));
    return whole ? IndicatorEngine.AS_REPORTED : IndicatorEngine.RESTATED;
  }

  /** The province today's map puts {@code province}'s territory in. */
  private String restatedProvince(String province) {
    String current = province;
    for (int hop = 0;
        hop < 10 && ctx.reference().units().on(current, ctx.today()).isEmpty();
        hop++) {
      String from = current;
      current =
          ctx.reference().lineage().stream()
              .filter(l -> l.fromCode().equals(from))
              .max(Comparator.comparingDouble(LineageLink::weight))
              .map(LineageLink::toCode)
              .orElse(from);
    }
    return current;
  }

  private List<PackData.IndicatorRow> indicators(List<Row> provinceRows) {
    Map<String, Row> byId = new TreeMap<>();
    provinceRows.forEach(r -> byId.put(r.getAs("indicator_id"), r));
    List<PackData.IndicatorRow> result = new ArrayList<>();
    for (IndicatorDefinition d : catalogue) {
      Row r = byId.get(d.id());
      if (r != null) {
        result.add(
            new PackData.IndicatorRow(
                d.id(),
                name(d),
                d.unit(),
                unitLabel(d),
                r.getAs("numerator"),
                r.getAs("denominator"),
                r.getAs("value"),
                r.getAs("ci_low"),
                r.getAs("ci_high"),
                r.getAs("target"),
                r.getAs("status")));
      }
    }
    return result;
  }

  private static List<PackData.LeagueRow> league(
      PeriodRows rows, String basis, String level, String province) {
    List<PackData.LeagueRow> league = new ArrayList<>();
    for (Row r : rows.league()) {
      if (basis.equals(r.getAs("basis"))
          && level.equals(r.getAs("unit_level"))
          && province.equals(r.getAs("province_code"))) {
        league.add(
            new PackData.LeagueRow(
                r.getAs("unit_code"),
                r.getAs("unit_name"),
                r.getAs("value"),
                r.getAs("ci_low"),
                r.getAs("ci_high"),
                r.getAs("denominator"),
                r.getAs("rank"),
                r.getAs("quartile_band"),
                r.<Boolean>getAs("is_small_sample"),
                r.getAs("vs_province"),
                r.getAs("change_vs_year_earlier")));
      }
    }
    league.sort(
        Comparator.comparing(
                (PackData.LeagueRow l) -> l.rank() == null ? Integer.MAX_VALUE : l.rank())
            .thenComparing(PackData.LeagueRow::unitName));
    return league;
  }

  private static List<PackData.TrendPoint> trend(List<Row> rows) {
    List<PackData.TrendPoint> points = new ArrayList<>();
    for (Row r : rows) {
      points.add(
          new PackData.TrendPoint(
              r.getAs("unit_code"),
              r.getAs("unit_name"),
              "province".equals(r.getAs("unit_level")),
              r.getAs("period_key"),
              r.getAs("value")));
    }
    return points;
  }

  private static Double target(List<Row> provinceRows) {
    return provinceRows.stream()
        .filter(r -> "SAT_RATE".equals(r.getAs("indicator_id")))
        .map(r -> r.<Double>getAs("target"))
        .findFirst()
        .orElse(null);
  }

  private static List<PackData.FunnelPoint> funnel(List<Row> units) {
    List<PackData.FunnelPoint> points = new ArrayList<>();
    for (Row r : units) {
      if ("SAT_RATE".equals(r.getAs("indicator_id")) && r.getAs("denominator") != null) {
        points.add(
            new PackData.FunnelPoint(
                r.getAs("unit_code"),
                r.getAs("unit_name"),
                r.<Double>getAs("numerator"),
                r.<Double>getAs("denominator")));
      }
    }
    return points;
  }

  private static List<PackData.OutreachRow> outreach(List<Row> units) {
    Map<String, Double[]> byUnit = new TreeMap<>();
    Map<String, String> names = new TreeMap<>();
    for (Row r : units) {
      String id = r.getAs("indicator_id");
      if (id.startsWith("OUT_EM_")) {
        Double[] v = byUnit.computeIfAbsent(r.getAs("unit_code"), c -> new Double[2]);
        v["OUT_EM_PER_AREA".equals(id) ? 0 : 1] = r.getAs("value");
        names.put(r.getAs("unit_code"), r.getAs("unit_name"));
      }
    }
    List<PackData.OutreachRow> rows = new ArrayList<>();
    byUnit.forEach(
        (code, v) -> rows.add(new PackData.OutreachRow(code, names.get(code), v[0], v[1])));
    return rows;
  }

  /** Models of the province's territory (its predecessors included) by field, holder and state. */
  private List<PackData.ModelCount> models(PeriodRows rows, String province) {
    Set<String> provinces = new HashSet<>(List.of(province));
    for (LineageLink l : ctx.reference().lineage()) {
      if (l.toCode().equals(province)) {
        provinces.add(l.fromCode());
      }
    }
    Map<String, long[]> counts = new TreeMap<>();
    for (Row r : rows.models()) {
      if (provinces.contains(r.<String>getAs(TableSchemas.PROVINCE_CODE))) {
        String key = r.getAs("field") + "|" + r.getAs("collective") + "|" + r.getAs("recognised");
        counts.computeIfAbsent(key, k -> new long[1])[0] += r.<Long>getAs("n");
      }
    }
    List<PackData.ModelCount> result = new ArrayList<>();
    counts.forEach(
        (key, n) -> {
          String[] k = key.split("\\|");
          result.add(
              new PackData.ModelCount(
                  k[0], Boolean.parseBoolean(k[1]), Boolean.parseBoolean(k[2]), n[0]));
        });
    return result;
  }

  /** The indicator's name in the pack's language. */
  private String name(IndicatorDefinition d) {
    return "en".equals(ctx.lang()) ? d.nameEn() : d.nameVi();
  }

  /** The label of the indicator's unit in the pack's language. */
  private String unitLabel(IndicatorDefinition d) {
    return "en".equals(ctx.lang()) ? d.unitEn() : d.unit();
  }

  /**
   * The province's flagged values, in the catalogue's order of indicators (as {@link #indicators}
   * gives them), then by unit.
   */
  private List<PackData.OutlierRow> outliers(PeriodRows rows, String basis, String province) {
    Map<String, List<Row>> byId = new HashMap<>();
    for (Row r : rows.outliers()) {
      if (basis.equals(r.getAs("basis")) && province.equals(r.getAs("province_code"))) {
        byId.computeIfAbsent(r.getAs("indicator_id"), id -> new ArrayList<>()).add(r);
      }
    }
    List<PackData.OutlierRow> result = new ArrayList<>();
    for (IndicatorDefinition d : catalogue) {
      List<PackData.OutlierRow> flagged = new ArrayList<>();
      for (Row r : byId.getOrDefault(d.id(), List.of())) {
        flagged.add(
            new PackData.OutlierRow(
                d.id(),
                name(d),
                d.unit(),
                unitLabel(d),
                r.getAs("unit_name"),
                r.getAs("method"),
                r.getAs("value"),
                r.getAs("reference_value"),
                r.getAs("score")));
      }
      flagged.sort(Comparator.comparing(PackData.OutlierRow::unitName));
      result.addAll(flagged);
    }
    return result;
  }
}
