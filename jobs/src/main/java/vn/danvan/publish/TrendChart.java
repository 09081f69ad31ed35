package vn.danvan.publish;

import java.awt.BasicStroke;
import java.awt.Color;
import java.util.List;
import org.jfree.chart.JFreeChart;
import org.jfree.chart.axis.CategoryAxis;
import org.jfree.chart.axis.CategoryLabelPositions;
import org.jfree.chart.axis.NumberAxis;
import org.jfree.chart.block.BlockBorder;
import org.jfree.chart.plot.CategoryPlot;
import org.jfree.chart.plot.PlotOrientation;
import org.jfree.chart.plot.ValueMarker;
import org.jfree.chart.renderer.category.LineAndShapeRenderer;
import org.jfree.chart.title.LegendTitle;
import org.jfree.chart.title.TextTitle;
import org.jfree.chart.ui.RectangleAnchor;
import org.jfree.chart.ui.RectangleEdge;
import org.jfree.chart.ui.RectangleInsets;
import org.jfree.chart.ui.TextAnchor;
import org.jfree.data.category.DefaultCategoryDataset;

/**
 * A trend chart: one line per unit over periods, the reference unit (the province) in a heavy dark
 * line, and the target as a dashed line.
 */
public final class TrendChart {

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
   * @param periods the period keys along the axis
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
      List<Series> series,
      Double target,
      String targetLabel,
      String lang) {}

  private TrendChart() {}

  /** The chart for {@code spec}. */
  public static JFreeChart create(Spec spec) {
    DefaultCategoryDataset dataset = new DefaultCategoryDataset();
    for (Series s : spec.series()) {
      for (int i = 0; i < spec.periods().size(); i++) {
        dataset.addValue(s.values().get(i), s.name(), spec.periods().get(i));
      }
    }
    CategoryAxis periodAxis = new CategoryAxis(spec.periodAxis());
    periodAxis.setCategoryLabelPositions(CategoryLabelPositions.UP_45);
    periodAxis.setLabelFont(ChartFonts.regular(26));
    periodAxis.setTickLabelFont(ChartFonts.regular(20));
    NumberAxis valueAxis = new NumberAxis(spec.valueAxis());
    valueAxis.setAutoRangeIncludesZero(false);
    valueAxis.setStandardTickUnits(NumberAxis.createIntegerTickUnits(Formats.locale(spec.lang())));
    valueAxis.setLabelFont(ChartFonts.regular(26));
    valueAxis.setTickLabelFont(ChartFonts.regular(22));
    LineAndShapeRenderer renderer = new LineAndShapeRenderer(true, false);
    for (int i = 0; i < spec.series().size(); i++) {
      Series s = spec.series().get(i);
      renderer.setSeriesPaint(i, s.isReference() ? Palette.REFERENCE : Palette.of(s.colourIndex()));
      renderer.setSeriesStroke(i, new BasicStroke(s.isReference() ? 6f : 2.5f));
    }
    CategoryPlot plot = new CategoryPlot(dataset, periodAxis, valueAxis, renderer);
    plot.setOrientation(PlotOrientation.VERTICAL);
    plot.setBackgroundPaint(Color.WHITE);
    plot.setRangeGridlinePaint(new Color(0xDD, 0xDD, 0xDD));
    plot.setRangeGridlineStroke(new BasicStroke(1f));
    plot.setOutlineVisible(false);
    if (spec.target() != null) {
      plot.addRangeMarker(targetMarker(spec));
      valueAxis.setAutoRange(true);
    }
    JFreeChart chart = new JFreeChart(null, ChartFonts.bold(40), plot, true);
    chart.setBackgroundPaint(Color.WHITE);
    chart.setPadding(new RectangleInsets(20, 30, 20, 40));
    TextTitle title = new TextTitle(spec.title(), ChartFonts.bold(40));
    chart.setTitle(title);
    TextTitle subtitle = new TextTitle(spec.subtitle(), ChartFonts.regular(24));
    subtitle.setPaint(new Color(0x55, 0x55, 0x55));
    chart.addSubtitle(subtitle);
    LegendTitle legend = chart.getLegend();
    legend.setItemFont(ChartFonts.regular(22));
    legend.setPosition(RectangleEdge.BOTTOM);
    legend.setFrame(BlockBorder.NONE);
    return chart;
  }

  private static ValueMarker targetMarker(Spec spec) {
    ValueMarker marker =
        new ValueMarker(
            spec.target(),
            Palette.TARGET,
            new BasicStroke(
                4f, BasicStroke.CAP_BUTT, BasicStroke.JOIN_MITER, 10f, new float[] {16f, 10f}, 0f));
    marker.setLabel(spec.targetLabel());
    marker.setLabelFont(ChartFonts.bold(24));
    marker.setLabelPaint(Palette.TARGET);
    marker.setLabelAnchor(RectangleAnchor.TOP_LEFT);
    marker.setLabelTextAnchor(TextAnchor.BOTTOM_LEFT);
    return marker;
  }
}
