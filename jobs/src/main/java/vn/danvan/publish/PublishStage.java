package vn.danvan.publish;

import static org.apache.spark.sql.functions.col;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.TreeSet;
import org.apache.spark.sql.Row;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import vn.danvan.indicators.IndicatorEngine;
import vn.danvan.job.JobContext;
import vn.danvan.warehouse.TableName;

/** Gold → the charts analysts put on the screen: written under {@code <out>/charts/}. */
public final class PublishStage {

  private static final Logger LOG = LoggerFactory.getLogger(PublishStage.class);

  /**
   * What publish wrote.
   *
   * @param charts the PNG files written
   */
  public record Result(List<Path> charts) {}

  /** One value read from gold for a chart. */
  record Point(
      String unitCode,
      String unitName,
      String level,
      String periodKey,
      Double value,
      Double target) {}

  /** Draws the charts from the current gold tables. */
  public Result execute(JobContext ctx) {
    if (!ctx.warehouse().exists(TableName.INDICATOR_VALUES)) {
      LOG.info("publish: no gold yet, nothing to draw");
      return new Result(List.of());
    }
    Labels labels = Labels.of(ctx.lang());
    List<Point> points = satisfactionByQuarter(ctx);
    Path png =
        ChartFiles.write(
            TrendChart.create(satisfactionTrend(points, labels)),
            Path.of(ctx.out(), "charts", "sat_rate_trend_quarter"));
    LOG.info("publish: chart {}", png.toAbsolutePath());
    return new Result(List.of(png));
  }

  private static List<Point> satisfactionByQuarter(JobContext ctx) {
    List<Row> rows =
        ctx.warehouse()
            .read(TableName.INDICATOR_VALUES)
            .filter(
                col(IndicatorEngine.INDICATOR_ID)
                    .equalTo("SAT_RATE")
                    .and(col(IndicatorEngine.BASIS).equalTo(IndicatorEngine.AS_REPORTED))
                    .and(col("period_type").equalTo("quarter"))
                    .and(col(IndicatorEngine.UNIT_LEVEL).isin("district", "province")))
            .select("unit_code", "unit_name", "unit_level", "period_key", "value", "target")
            .collectAsList();
    List<Point> points = new ArrayList<>();
    for (Row r : rows) {
      points.add(
          new Point(
              r.getAs("unit_code"),
              r.getAs("unit_name"),
              r.getAs("unit_level"),
              r.getAs("period_key"),
              r.getAs("value"),
              r.getAs("target")));
    }
    return points;
  }

  /** The satisfaction trend: districts by quarter, the province line and the target. */
  static TrendChart.Spec satisfactionTrend(List<Point> points, Labels labels) {
    TreeSet<String> periods = new TreeSet<>();
    Map<String, String> districtNames = new TreeMap<>();
    Map<String, Double> values = new HashMap<>();
    Map<String, Double> province = new HashMap<>();
    Double target = null;
    String provinceName = null;
    for (Point p : points) {
      if (p.value() == null) {
        continue;
      }
      if ("province".equals(p.level())) {
        province.put(p.periodKey(), p.value());
        provinceName = provinceName == null ? p.unitName() : provinceName;
        target = target == null ? p.target() : target;
        periods.add(p.periodKey());
      } else {
        districtNames.put(p.unitCode(), p.unitName());
        values.put(p.unitCode() + "@" + p.periodKey(), p.value());
        periods.add(p.periodKey());
      }
    }
    List<String> axis = new ArrayList<>(periods);
    List<TrendChart.Series> series = new ArrayList<>();
    int colour = 0;
    for (Map.Entry<String, String> d : districtNames.entrySet()) {
      List<Double> line = new ArrayList<>();
      for (String period : axis) {
        line.add(values.get(d.getKey() + "@" + period));
      }
      series.add(new TrendChart.Series(d.getValue(), colour++, false, line));
    }
    List<Double> provinceLine = new ArrayList<>();
    axis.forEach(period -> provinceLine.add(province.get(period)));
    series.add(new TrendChart.Series(labels.text("legend.province"), -1, true, provinceLine));
    String from = axis.isEmpty() ? "" : axis.get(0);
    String to = axis.isEmpty() ? "" : axis.get(axis.size() - 1);
    String targetText = target == null ? "" : Formats.number(labels.lang(), 0).format(target);
    return new TrendChart.Spec(
        labels.text("sat_trend.title"),
        labels.text(
            "sat_trend.subtitle",
            "province",
            provinceName == null ? "" : provinceName,
            "from",
            from,
            "to",
            to),
        labels.text("axis.quarter"),
        labels.text("axis.sat_rate"),
        axis,
        series,
        target,
        labels.text("legend.target", "target", targetText),
        labels.lang());
  }
}
