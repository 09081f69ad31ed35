package vn.danvan.publish;

import java.awt.BasicStroke;
import java.util.ArrayList;
import java.util.List;
import org.jfree.chart.JFreeChart;
import org.jfree.chart.axis.CategoryAxis;
import org.jfree.chart.axis.CategoryLabelPositions;
import org.jfree.chart.axis.NumberAxis;
import org.jfree.chart.plot.CategoryPlot;
import org.jfree.chart.plot.PlotOrientation;
import org.jfree.chart.plot.ValueMarker;
import org.jfree.chart.renderer.category.LineAndShapeRenderer;
import org.jfree.chart.ui.Drawable;
import org.jfree.chart.ui.RectangleAnchor;
import org.jfree.chart.ui.TextAnchor;
import org.jfree.data.category.DefaultCategoryDataset;

/**
 * A trend chart: one line per unit over periods, the province in a heavy dark line, the target
 * dashed; with many units, small multiples — one small chart per unit against the province.
 */
public final class TrendChart {

  /** Above this many units, one small chart each. */
  static final int MAX_LINES = 12;

  /**
   * One line of the chart.
   *
   * @param name the unit's name, shown in the legend
   * @param colourIndex the unit's fixed place in the palette
   * @param isReference true for the province line
   * @param values the value per period, in the order of {@link Spec#periods}, null where missing
   */
  public record Series(String name, int colourIndex, boolean isReference, List<Double> values) {}

  /**
   * What the chart shows.
   *
   * @param title the title
   * @param subtitle a line under the title saying how values are computed
   * @param periodAxis label of the period axis
   * @param valueAxis label of the value axis
   * @param periods the period labels along the axis
   * @param shortPeriods the same periods labelled briefly, for small multiples
   * @param series the lines
   * @param target the target value, null when none
   * @param targetLabel the target line's label
   * @param lang labels' language, for number formats
   */
  public record Spec(
      String title,
      String subtitle,
      String periodAxis,
      String valueAxis,
      List<String> periods,
      List<String> shortPeriods,
      List<Series> series,
      Double target,
      String targetLabel,
      String lang) {}

  private TrendChart() {}

  /** The chart for {@code spec}: one plot, or small multiples when there are many units. */
  public static Drawable create(Spec spec) {
    long units = spec.series().stream().filter(s -> !s.isReference()).count();
    if (units <= MAX_LINES) {
      return single(spec, spec.series(), true, 1f);
    }
    Series province = spec.series().stream().filter(Series::isReference).findFirst().orElse(null);
    // One scale for every panel, so the small charts compare.
    double low = Double.MAX_VALUE;
    double high = -Double.MAX_VALUE;
    for (Series s : spec.series()) {
      for (Double v : s.values()) {
        if (v != null) {
          low = Math.min(low, v);
          high = Math.max(high, v);
        }
      }
    }
    if (spec.target() != null) {
      low = Math.min(low, spec.target());
      high = Math.max(high, spec.target());
    }
    double pad = Math.max(0.5, (high - low) * 0.05);
    List<JFreeChart> panels = new ArrayList<>();
    for (Series s : spec.series()) {
      if (s.isReference()) {
        continue;
      }
      List<Series> pair = new ArrayList<>();
      if (province != null) {
        pair.add(province);
      }
      pair.add(s);
      JFreeChart panel = single(spec, pair, false, 0.45f);
      panel.getCategoryPlot().getRangeAxis().setRange(low - pad, high + pad);
      panel.setTitle(new org.jfree.chart.title.TextTitle(s.name(), ChartFonts.bold(15)));
      panels.add(panel);
    }
    return new SmallMultiples(spec.title(), spec.subtitle(), panels);
  }

  private static JFreeChart single(Spec spec, List<Series> lines, boolean full, float scale) {
    DefaultCategoryDataset dataset = new DefaultCategoryDataset();
    List<String> categories = full ? spec.periods() : spec.shortPeriods();
    for (Series s : lines) {
      for (int i = 0; i < categories.size(); i++) {
        dataset.addValue(s.values().get(i), s.name(), categories.get(i));
      }
    }
    CategoryAxis periodAxis = new CategoryAxis(full ? spec.periodAxis() : null);
    periodAxis.setCategoryLabelPositions(
        full && spec.periods().size() > 6
            ? CategoryLabelPositions.UP_45
            : CategoryLabelPositions.STANDARD);
    ChartStyle.axis(periodAxis, full ? 20 : 11);
    if (!full) {
      // A panel is ~150 px wide: its labels ("III/25") take the whole width, not ~70 % of it.
      periodAxis.setLowerMargin(0.01);
      periodAxis.setUpperMargin(0.01);
      periodAxis.setCategoryMargin(0);
    }
    NumberAxis valueAxis = new NumberAxis(full ? spec.valueAxis() : null);
    valueAxis.setAutoRangeIncludesZero(false);
    valueAxis.setStandardTickUnits(NumberAxis.createIntegerTickUnits(Formats.locale(spec.lang())));
    ChartStyle.axis(valueAxis, full ? 20 : 11);
    LineAndShapeRenderer renderer = new LineAndShapeRenderer(true, true);
    for (int i = 0; i < lines.size(); i++) {
      Series s = lines.get(i);
      renderer.setSeriesPaint(i, s.isReference() ? Palette.REFERENCE : Palette.of(s.colourIndex()));
      renderer.setSeriesStroke(
          i, new BasicStroke((s.isReference() ? 5f : 2.5f) * (full ? 1 : 0.6f)));
      renderer.setSeriesShape(
          i, new java.awt.geom.Ellipse2D.Double(-4 * scale, -4 * scale, 8 * scale, 8 * scale));
    }
    CategoryPlot plot = new CategoryPlot(dataset, periodAxis, valueAxis, renderer);
    plot.setOrientation(PlotOrientation.VERTICAL);
    plot.setRangeGridlinePaint(Palette.GRID);
    if (spec.target() != null) {
      ValueMarker marker =
          new ValueMarker(spec.target(), Palette.TARGET, ChartStyle.dashed(full ? 4f : 2f));
      if (full) {
        marker.setLabel(spec.targetLabel());
        marker.setLabelFont(ChartFonts.bold(22));
        marker.setLabelPaint(Palette.TARGET);
        marker.setLabelAnchor(RectangleAnchor.TOP_LEFT);
        marker.setLabelTextAnchor(TextAnchor.BOTTOM_LEFT);
      }
      plot.addRangeMarker(marker);
    }
    if (!full) {
      JFreeChart chart = new JFreeChart(null, ChartFonts.bold(15), plot, false);
      chart.setBackgroundPaint(java.awt.Color.WHITE);
      plot.setBackgroundPaint(java.awt.Color.WHITE);
      plot.setOutlineVisible(false);
      return chart;
    }
    return ChartStyle.chart(plot, spec.title(), spec.subtitle(), true);
  }
}
