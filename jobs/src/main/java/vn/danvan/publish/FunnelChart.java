package vn.danvan.publish;

import java.awt.BasicStroke;
import java.awt.Color;
import java.util.List;
import org.jfree.chart.JFreeChart;
import org.jfree.chart.annotations.XYTextAnnotation;
import org.jfree.chart.axis.NumberAxis;
import org.jfree.chart.plot.XYPlot;
import org.jfree.chart.renderer.xy.XYLineAndShapeRenderer;
import org.jfree.chart.ui.TextAnchor;
import org.jfree.data.xy.XYSeries;
import org.jfree.data.xy.XYSeriesCollection;

/**
 * A funnel plot of a proportion against its denominator: each unit a point, the province's value as
 * the centre line, and the 95 % and 99.8 % control limits that narrow as the denominator grows.
 * Units outside the 99.8 % limits are named.
 */
final class FunnelChart {

  /** 95 % and 99.8 % two-sided normal quantiles. */
  static final double Z95 = 1.959963984540054;

  static final double Z998 = 3.090232306167813;

  /**
   * One unit.
   *
   * @param name its name
   * @param successes the numerator (satisfied ballots)
   * @param trials the denominator (ballots returned)
   * @param colourIndex its fixed colour
   */
  record Point(String name, double successes, double trials, int colourIndex) {}

  private FunnelChart() {}

  /** True when {@code point} lies outside the limits at normal quantile {@code z}. */
  static boolean outside(Point point, double centre, double z) {
    double p = centre / 100;
    double half = z * Math.sqrt(p * (1 - p) / point.trials()) * 100;
    double rate = 100 * point.successes() / point.trials();
    return rate < centre - half || rate > centre + half;
  }

  /**
   * Names for the units outside the 99.8 % limits, placed so that none overlaps another: a label
   * that would collide moves a line down, then up, then to the point's left.
   */
  static java.util.List<XYTextAnnotation> labels(
      List<Point> points, double centre, double minN, double maxN) {
    double minY =
        points.stream().mapToDouble(p -> 100 * p.successes() / p.trials()).min().orElse(0);
    double maxY =
        points.stream().mapToDouble(p -> 100 * p.successes() / p.trials()).max().orElse(100);
    double spanX = Math.max(1e-9, maxN - minN);
    double spanY = Math.max(1e-9, maxY - minY);
    // Label boxes in fractions of the plot: about 0.0075 of the width per character, one line
    // 0.03 of the height (18-point text on a 1920×1080 chart).
    double lineHeight = 0.03;
    java.util.List<double[]> placed = new java.util.ArrayList<>();
    java.util.List<XYTextAnnotation> labels = new java.util.ArrayList<>();
    List<Point> outside =
        points.stream()
            .filter(p -> outside(p, centre, Z998))
            .sorted(java.util.Comparator.comparingDouble(p -> -p.successes() / p.trials()))
            .toList();
    for (Point p : outside) {
      double x = (p.trials() - minN) / spanX;
      double y = (100 * p.successes() / p.trials() - minY) / spanY;
      double width = 0.0075 * (p.name().length() + 1);
      double[][] candidates = {
        {x, y},
        {x, y - lineHeight},
        {x, y + lineHeight},
        {x - width - 0.01, y},
        {x, y - 2 * lineHeight}
      };
      double[] box = null;
      boolean left = false;
      for (int i = 0; i < candidates.length && box == null; i++) {
        double[] c = candidates[i];
        boolean toLeft = i == 3;
        double[] candidate = {c[0], c[1] - lineHeight / 2, c[0] + width, c[1] + lineHeight / 2};
        if (placed.stream().noneMatch(b -> overlaps(b, candidate))) {
          box = candidate;
          left = toLeft;
        }
      }
      if (box == null) {
        continue;
      }
      placed.add(box);
      double labelY = minY + ((box[1] + box[3]) / 2) * spanY;
      XYTextAnnotation label =
          new XYTextAnnotation(left ? p.name() + " " : " " + p.name(), p.trials(), labelY);
      label.setFont(ChartFonts.bold(18));
      label.setTextAnchor(left ? TextAnchor.HALF_ASCENT_RIGHT : TextAnchor.HALF_ASCENT_LEFT);
      labels.add(label);
    }
    return labels;
  }

  private static boolean overlaps(double[] a, double[] b) {
    return a[0] < b[2] && b[0] < a[2] && a[1] < b[3] && b[1] < a[3];
  }

  static JFreeChart create(
      String title,
      String subtitle,
      String xAxis,
      String yAxis,
      List<Point> points,
      double centre,
      String centreLabel,
      String limit95,
      String limit998,
      String unitsLabel,
      String lang) {
    double maxN = points.stream().mapToDouble(Point::trials).max().orElse(100);
    double minN = Math.max(1, points.stream().mapToDouble(Point::trials).min().orElse(1) * 0.8);
    XYSeriesCollection data = new XYSeriesCollection();
    XYSeries units = new XYSeries(unitsLabel, false, true);
    points.forEach(p -> units.add(p.trials(), 100 * p.successes() / p.trials()));
    data.addSeries(units);
    XYSeries centreLine = new XYSeries(centreLabel);
    centreLine.add(minN, centre);
    centreLine.add(maxN * 1.05, centre);
    data.addSeries(centreLine);
    String[] names = {limit95, limit95 + " ", limit998, limit998 + " "};
    double[] zs = {Z95, -Z95, Z998, -Z998};
    for (int i = 0; i < 4; i++) {
      XYSeries limit = new XYSeries(names[i]);
      for (int k = 0; k <= 60; k++) {
        double n = minN * Math.pow(maxN * 1.05 / minN, k / 60.0);
        double p = centre / 100;
        limit.add(n, Math.max(0, Math.min(100, centre + zs[i] * Math.sqrt(p * (1 - p) / n) * 100)));
      }
      data.addSeries(limit);
    }
    XYLineAndShapeRenderer renderer = new XYLineAndShapeRenderer();
    renderer.setSeriesLinesVisible(0, false);
    renderer.setSeriesShapesVisible(0, true);
    renderer.setSeriesPaint(0, Palette.of(0));
    renderer.setSeriesShape(0, new java.awt.geom.Ellipse2D.Double(-6, -6, 12, 12));
    renderer.setSeriesPaint(1, Palette.REFERENCE);
    renderer.setSeriesStroke(1, new BasicStroke(3f));
    for (int i = 2; i <= 5; i++) {
      renderer.setSeriesShapesVisible(i, false);
      renderer.setSeriesPaint(i, i < 4 ? new Color(0x88, 0x88, 0x88) : Palette.TARGET);
      renderer.setSeriesStroke(i, ChartStyle.dashed(i < 4 ? 2f : 2.5f));
      renderer.setSeriesVisibleInLegend(i, i % 2 == 0);
    }
    NumberAxis x = new NumberAxis(xAxis);
    x.setAutoRangeIncludesZero(false);
    x.setNumberFormatOverride(Formats.number(lang, 0));
    ChartStyle.axis(x, 20);
    NumberAxis y = new NumberAxis(yAxis);
    y.setAutoRangeIncludesZero(false);
    y.setStandardTickUnits(NumberAxis.createIntegerTickUnits(Formats.locale(lang)));
    ChartStyle.axis(y, 20);
    XYPlot plot = new XYPlot(data, x, y, renderer);
    plot.setRangeGridlinePaint(Palette.GRID);
    plot.setDomainGridlinePaint(Palette.GRID);
    for (XYTextAnnotation label : labels(points, centre, minN, maxN * 1.05)) {
      plot.addAnnotation(label);
    }
    return ChartStyle.chart(plot, title, subtitle, true);
  }
}
