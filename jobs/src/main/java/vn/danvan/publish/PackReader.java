package vn.danvan.publish;

import static org.apache.spark.sql.functions.col;
import static org.apache.spark.sql.functions.count;
import static org.apache.spark.sql.functions.lit;
import static org.apache.spark.sql.functions.row_number;

import java.sql.Date;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.expressions.Window;
import vn.danvan.errors.DanvanException;
import vn.danvan.indicators.IndicatorDefinition;
import vn.danvan.indicators.IndicatorEngine;
import vn.danvan.indicators.IndicatorValues;
import vn.danvan.indicators.LeagueTable;
import vn.danvan.indicators.Outliers;
import vn.danvan.job.JobContext;
import vn.danvan.period.Period;
import vn.danvan.reference.LineageLink;
import vn.danvan.reference.Settings;
import vn.danvan.schema.RecordKinds;
import vn.danvan.schema.TableSchemas;
import vn.danvan.warehouse.TableName;

/**
 * Reads what a review pack shows from gold (and the models' states from silver), through the
 * command's snapshot, so a pack published {@code --as-of} shows that past state.
 */
final class PackReader {

  private static final int TREND_PERIODS = 8;

  private final JobContext ctx;
  private final Dataset<Row> values;
  private final List<IndicatorDefinition> catalogue;

  PackReader(JobContext ctx) {
    this.ctx = ctx;
    this.values = ctx.snapshot().read(TableName.INDICATOR_VALUES, IndicatorValues.SCHEMA).cache();
    this.catalogue = IndicatorDefinition.catalogue(ctx.reference().file("indicators.csv"));
  }

  /** The provinces gold has figures of for {@code period}. */
  List<String> provinces(Period period) {
    return values
        .filter(col("unit_level").equalTo("province").and(col("period_key").equalTo(period.key())))
        .select("unit_code")
        .distinct()
        .orderBy("unit_code")
        .as(org.apache.spark.sql.Encoders.STRING())
        .collectAsList();
  }

  /** The latest quarter and year that have ended before today and have figures. */
  List<Period> latestComplete() {
    List<Period> latest = new ArrayList<>();
    for (String type : List.of("quarter", "year")) {
      Row r =
          values
              .filter(
                  col("period_type")
                      .equalTo(type)
                      .and(col("period_end").lt(lit(Date.valueOf(ctx.today()))))
                      .and(col("indicator_id").equalTo("SAT_RATE")))
              .agg(
                  org.apache.spark.sql.functions.max("period_end"),
                  org.apache.spark.sql.functions.max("period_key"))
              .first();
      if (!r.isNullAt(1)) {
        latest.add(Period.of(r.getString(1)));
      }
    }
    return latest;
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
    Dataset<Row> ofPeriod =
        values.filter(col("basis").equalTo(basis).and(col("period_key").equalTo(period.key())));
    long districts =
        ofPeriod
            .filter(col("unit_level").equalTo("district").and(col("province_code").equalTo(pack)))
            .count();
    String level = districts > 0 ? "district" : "commune";
    Dataset<Row> units =
        ofPeriod.filter(col("unit_level").equalTo(level).and(col("province_code").equalTo(pack)));
    List<String> order =
        values
            .filter(
                col("basis")
                    .equalTo(basis)
                    .and(col("unit_level").equalTo(level))
                    .and(col("province_code").equalTo(pack)))
            .select("unit_code")
            .distinct()
            .orderBy("unit_code")
            .as(org.apache.spark.sql.Encoders.STRING())
            .collectAsList();
    Row provinceRow =
        ofPeriod
            .filter(col("unit_level").equalTo("province").and(col("unit_code").equalTo(pack)))
            .select("unit_name")
            .first();
    if (provinceRow == null) {
      throw new DanvanException(
          "gold has no figures of province "
              + pack
              + " for "
              + period.key()
              + "; see danvan status");
    }
    return new PackData(
        period,
        basis,
        pack,
        provinceRow.getString(0),
        level,
        order,
        indicators(ofPeriod, pack),
        league(period, basis, level, pack),
        trend(period, basis, level, pack),
        target(ofPeriod, pack),
        funnel(units),
        outreach(units),
        models(period, pack),
        outliers(period, basis, pack));
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

  private List<PackData.IndicatorRow> indicators(Dataset<Row> ofPeriod, String province) {
    Map<String, Row> rows = new TreeMap<>();
    for (Row r :
        ofPeriod
            .filter(col("unit_level").equalTo("province").and(col("unit_code").equalTo(province)))
            .collectAsList()) {
      rows.put(r.getAs("indicator_id"), r);
    }
    List<PackData.IndicatorRow> result = new ArrayList<>();
    for (IndicatorDefinition d : catalogue) {
      Row r = rows.get(d.id());
      if (r != null) {
        result.add(
            new PackData.IndicatorRow(
                d.id(),
                "en".equals(ctx.lang()) ? d.nameEn() : d.nameVi(),
                d.unit(),
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

  private List<PackData.LeagueRow> league(
      Period period, String basis, String level, String province) {
    Dataset<Row> satisfaction =
        values.filter(col("indicator_id").equalTo("SAT_RATE").and(col("basis").equalTo(basis)));
    Dataset<Row> league =
        LeagueTable.of(
                satisfaction,
                IndicatorValues.catalogueFrame(
                    ctx.spark(), catalogue, ctx.reference().settings().minDenominator()),
                LeagueTable.steps(ctx.spark(), List.of(period)))
            .filter(
                col("period_key")
                    .equalTo(period.key())
                    .and(col("unit_level").equalTo(level))
                    .and(col("province_code").equalTo(province)));
    List<PackData.LeagueRow> rows = new ArrayList<>();
    for (Row r : league.collectAsList()) {
      rows.add(
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
    rows.sort(
        Comparator.comparing(
                (PackData.LeagueRow l) -> l.rank() == null ? Integer.MAX_VALUE : l.rank())
            .thenComparing(PackData.LeagueRow::unitName));
    return rows;
  }

  private List<PackData.TrendPoint> trend(
      Period period, String basis, String level, String province) {
    Set<String> keys = new HashSet<>();
    Period p = period;
    for (int i = 0; i < TREND_PERIODS; i++) {
      keys.add(p.key());
      p = p.previous();
    }
    List<PackData.TrendPoint> points = new ArrayList<>();
    for (Row r :
        values
            .filter(
                col("indicator_id")
                    .equalTo("SAT_RATE")
                    .and(col("basis").equalTo(basis))
                    .and(col("period_key").isin(keys.toArray()))
                    .and(col("province_code").equalTo(province))
                    .and(col("unit_level").isin(level, "province")))
            .select("unit_code", "unit_name", "unit_level", "period_key", "value")
            .collectAsList()) {
      points.add(
          new PackData.TrendPoint(
              r.getString(0),
              r.getString(1),
              "province".equals(r.getString(2)),
              r.getString(3),
              r.getAs("value")));
    }
    return points;
  }

  private static Double target(Dataset<Row> ofPeriod, String province) {
    Row r =
        ofPeriod
            .filter(
                col("indicator_id")
                    .equalTo("SAT_RATE")
                    .and(col("unit_level").equalTo("province"))
                    .and(col("unit_code").equalTo(province)))
            .select("target")
            .first();
    return r == null || r.isNullAt(0) ? null : r.getDouble(0);
  }

  private static List<PackData.FunnelPoint> funnel(Dataset<Row> units) {
    List<PackData.FunnelPoint> points = new ArrayList<>();
    for (Row r :
        units
            .filter(col("indicator_id").equalTo("SAT_RATE"))
            .select("unit_code", "unit_name", "numerator", "denominator")
            .collectAsList()) {
      points.add(
          new PackData.FunnelPoint(r.getString(0), r.getString(1), r.getDouble(2), r.getDouble(3)));
    }
    return points;
  }

  private static List<PackData.OutreachRow> outreach(Dataset<Row> units) {
    Map<String, Double[]> byUnit = new TreeMap<>();
    Map<String, String> names = new TreeMap<>();
    for (Row r :
        units
            .filter(col("indicator_id").isin("OUT_EM_PER_AREA", "OUT_EM_PER_1000"))
            .select("unit_code", "unit_name", "indicator_id", "value")
            .collectAsList()) {
      Double[] v = byUnit.computeIfAbsent(r.getString(0), c -> new Double[2]);
      v["OUT_EM_PER_AREA".equals(r.getString(2)) ? 0 : 1] = r.getAs("value");
      names.put(r.getString(0), r.getString(1));
    }
    List<PackData.OutreachRow> rows = new ArrayList<>();
    byUnit.forEach(
        (code, v) -> rows.add(new PackData.OutreachRow(code, names.get(code), v[0], v[1])));
    return rows;
  }

  /** Models of the province's territory by field, holder type and state at the period's end. */
  private List<PackData.ModelCount> models(Period period, String province) {
    Set<String> provinces = new HashSet<>(List.of(province));
    for (LineageLink l : ctx.reference().lineage()) {
      if (l.toCode().equals(province)) {
        provinces.add(l.fromCode());
      }
    }
    java.time.LocalDate end = period.end(ctx.reference().settings().periodScheme());
    Dataset<Row> models =
        ctx.snapshot()
            .read(TableName.silver("models"), TableSchemas.silver(RecordKinds.of("models")))
            .filter(col(TableSchemas.RECORD_DATE).leq(lit(Date.valueOf(end))))
            .withColumn(
                "_latest",
                row_number()
                    .over(
                        Window.partitionBy(col("record_id"))
                            .orderBy(col(TableSchemas.RECORD_DATE).desc())))
            .filter(
                col("_latest")
                    .equalTo(1)
                    .and(col(TableSchemas.PROVINCE_CODE).isin(provinces.toArray())));
    List<PackData.ModelCount> counts = new ArrayList<>();
    for (Row r :
        models
            .groupBy(
                col("field"),
                col("holder_type").equalTo("collective").as("collective"),
                col("status").isin("recognised", "commended").as("recognised"))
            .agg(count(lit(1)))
            .collectAsList()) {
      if (!r.isNullAt(0)) {
        counts.add(
            new PackData.ModelCount(
                r.getString(0), r.getBoolean(1), r.getBoolean(2), r.getLong(3)));
      }
    }
    return counts;
  }

  private List<PackData.OutlierRow> outliers(Period period, String basis, String province) {
    Settings s = ctx.reference().settings();
    Dataset<Row> outliers =
        Outliers.of(
                values.filter(col("basis").equalTo(basis)),
                IndicatorValues.catalogueFrame(ctx.spark(), catalogue, s.minDenominator()),
                s.outlierZThreshold(),
                s.outlierMinUnits(),
                s.outlierMinCount(),
                s.yoyRatioHigh(),
                s.yoyRatioLow())
            .filter(
                col("period_key").equalTo(period.key()).and(col("province_code").equalTo(province)))
            .orderBy(col("indicator_id"), col("unit_name"));
    List<PackData.OutlierRow> rows = new ArrayList<>();
    for (Row r : outliers.collectAsList()) {
      rows.add(
          new PackData.OutlierRow(
              r.getAs("indicator_id"),
              r.getAs("unit_name"),
              r.getAs("method"),
              r.getAs("value"),
              r.getAs("score")));
    }
    return rows;
  }

  /** Frees the cached gold values. */
  void close() {
    values.unpersist();
  }
}
