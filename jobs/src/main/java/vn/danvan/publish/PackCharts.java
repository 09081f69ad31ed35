package vn.danvan.publish;

import java.text.NumberFormat;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.TreeSet;
import org.jfree.chart.ui.Drawable;
import vn.danvan.period.Period;

/** The charts of a review pack, drawn from its {@link PackData}, by file name. */
public final class PackCharts {

  private static final List<String> FIELDS =
      List.of("economy", "culture_society", "defence_security", "political_system");

  private PackCharts() {}

  /** Every chart the data allows, in the order the pack shows them. */
  public static Map<String, Drawable> of(PackData data, Labels labels) {
    Map<String, Drawable> charts = new LinkedHashMap<>();
    String period = PeriodLabels.of(data.period(), labels);
    NumberFormat oneDecimal = Formats.number(labels.lang(), 1);
    if (!data.trend().isEmpty()) {
      charts.put("sat_rate_trend", trend(data, labels));
    }
    if (!data.league().isEmpty()) {
      PackData.IndicatorRow sat = data.indicator("SAT_RATE");
      Double province = sat == null ? null : sat.value();
      List<LeagueChart.Bar> bars = new ArrayList<>();
      for (PackData.LeagueRow r : data.league()) {
        String label =
            r.small()
                ? r.unitName() + " (" + labels.text("league.small") + ")"
                : r.rank() + ". " + r.unitName();
        bars.add(
            new LeagueChart.Bar(
                label, r.value(), r.ciLow(), r.ciHigh(), r.small() ? null : r.quartile()));
      }
      List<String> bands = new ArrayList<>();
      for (int b = 1; b <= 4; b++) {
        bands.add(labels.text("quartile." + b));
      }
      charts.put(
          "sat_rate_league",
          LeagueChart.create(
              labels.text("league.title", "period", period),
              labels.text(
                  "league.subtitle", "value", province == null ? "" : oneDecimal.format(province)),
              labels.text("axis.sat_rate"),
              bars,
              province,
              labels.text("legend.province"),
              bands,
              labels.text("league.small"),
              labels.lang()));
    }
    PackData.IndicatorRow sat = data.indicator("SAT_RATE");
    if (!data.funnel().isEmpty() && sat != null && sat.value() != null) {
      List<FunnelChart.Point> points = new ArrayList<>();
      for (PackData.FunnelPoint p : data.funnel()) {
        if (p.returned() > 0) {
          points.add(
              new FunnelChart.Point(
                  p.unitName(), p.satisfied(), p.returned(), data.colourOf(p.unitCode())));
        }
      }
      charts.put(
          "sat_rate_funnel",
          FunnelChart.create(
              labels.text("funnel.title", "period", period),
              labels.text("funnel.subtitle", "value", oneDecimal.format(sat.value())),
              labels.text("axis.ballots"),
              labels.text("axis.sat_rate"),
              points,
              sat.value(),
              labels.text("legend.province"),
              labels.text("funnel.limit95"),
              labels.text("funnel.limit998"),
              labels.text("funnel.units"),
              labels.lang()));
    }
    if (!data.outreach().isEmpty()) {
      List<OutreachChart.Bars> bars = new ArrayList<>();
      data.outreach().stream()
          .sorted(Comparator.comparing(PackData.OutreachRow::unitName))
          .forEach(
              o ->
                  bars.add(
                      new OutreachChart.Bars(
                          o.unitName(), data.colourOf(o.unitCode()), o.perArea(), o.per1000())));
      charts.put(
          "em_outreach",
          OutreachChart.create(
              labels.text("outreach.title", "period", period),
              labels.text("outreach.subtitle"),
              labels.text("outreach.per_area"),
              labels.text("outreach.per_1000"),
              bars,
              labels.lang()));
    }
    if (!data.models().isEmpty()) {
      List<ModelsChart.Field> fields = new ArrayList<>();
      for (String field : FIELDS) {
        long[] v = new long[4];
        for (PackData.ModelCount c : data.models()) {
          if (c.field().equals(field)) {
            v[c.collective() ? 0 : 1] += c.count();
            if (c.recognised()) {
              v[c.collective() ? 2 : 3] += c.count();
            }
          }
        }
        fields.add(new ModelsChart.Field(labels.text("field." + field), v));
      }
      charts.put(
          "models",
          ModelsChart.create(
              labels.text(
                  "models.title", "end", Formats.date(labels.lang(), data.period().calendarEnd())),
              labels.text("models.subtitle"),
              labels.text("models.axis"),
              List.of(
                  labels.text("models.registered_collective"),
                  labels.text("models.registered_individual"),
                  labels.text("models.recognised_collective"),
                  labels.text("models.recognised_individual")),
              fields,
              labels.lang()));
    }
    return charts;
  }

  private static Drawable trend(PackData data, Labels labels) {
    TreeSet<String> keys = new TreeSet<>(Comparator.comparing(k -> Period.of(k).calendarStart()));
    Map<String, Map<String, Double>> byUnit = new TreeMap<>();
    Map<String, String> names = new TreeMap<>();
    Map<String, Double> province = new TreeMap<>();
    for (PackData.TrendPoint p : data.trend()) {
      keys.add(p.periodKey());
      if (p.province()) {
        province.put(p.periodKey(), p.value());
      } else {
        byUnit.computeIfAbsent(p.unitCode(), c -> new TreeMap<>()).put(p.periodKey(), p.value());
        names.put(p.unitCode(), p.unitName());
      }
    }
    List<String> periods = new ArrayList<>(keys);
    List<String> axis = periods.stream().map(k -> PeriodLabels.of(Period.of(k), labels)).toList();
    List<TrendChart.Series> series = new ArrayList<>();
    byUnit.forEach(
        (code, values) ->
            series.add(
                new TrendChart.Series(
                    names.get(code),
                    data.colourOf(code),
                    false,
                    periods.stream().map(values::get).toList())));
    series.add(
        new TrendChart.Series(
            labels.text("legend.province"),
            -1,
            true,
            periods.stream().map(province::get).toList()));
    Double target = data.satisfactionTarget();
    return TrendChart.create(
        new TrendChart.Spec(
            labels.text("sat_trend.title"),
            labels.text(
                "sat_trend.subtitle",
                "province",
                data.provinceName(),
                "from",
                axis.isEmpty() ? "" : axis.get(0),
                "to",
                axis.isEmpty() ? "" : axis.get(axis.size() - 1)),
            labels.text("axis.period"),
            labels.text("axis.sat_rate"),
            axis,
            periods.stream().map(k -> PeriodLabels.shortOf(Period.of(k))).toList(),
            series,
            target,
            target == null
                ? ""
                : labels.text(
                    "legend.target", "target", Formats.number(labels.lang(), 0).format(target)),
            labels.lang()));
  }
}
