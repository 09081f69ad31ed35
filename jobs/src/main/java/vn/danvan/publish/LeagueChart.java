package vn.danvan.publish;

import java.awt.BasicStroke;
import java.awt.Paint;
import java.util.List;
import org.jfree.chart.JFreeChart;
import org.jfree.chart.LegendItem;
import org.jfree.chart.LegendItemCollection;
import org.jfree.chart.annotations.CategoryLineAnnotation;
import org.jfree.chart.axis.CategoryAxis;
import org.jfree.chart.axis.NumberAxis;
import org.jfree.chart.plot.CategoryPlot;
import org.jfree.chart.plot.PlotOrientation;
import org.jfree.chart.plot.ValueMarker;
import org.jfree.chart.renderer.category.BarRenderer;
import org.jfree.chart.renderer.category.StandardBarPainter;
import org.jfree.data.category.DefaultCategoryDataset;

/**
 * League bars: units sorted best first, each bar in its quartile band's colour with its 95 %
 * interval as a whisker, the province's value as a reference line; small samples in grey, unranked.
 */
final class LeagueChart {

  /**
   * One bar.
   *
   * @param label the unit's label (with its rank)
   * @param value the value
   * @param low the interval's lower bound
   * @param high the interval's upper bound
   * @param band the quartile band, null for a small sample
   */
  record Bar(String label, double value, Double low, Double high, Integer band) {}

  private LeagueChart() {}

  static JFreeChart create(
      String title,
      String subtitle,
      String valueAxis,
      List<Bar> bars,
      Double province,
      String provinceLabel,
      List<String> bandLabels,
      String smallLabel,
      String lang) {
    DefaultCategoryDataset dataset = new DefaultCategoryDataset();
    double min = Double.MAX_VALUE;
    double max = -Double.MAX_VALUE;
    for (Bar b : bars) {
      dataset.addValue(b.value(), "value", b.label());
      min = Math.min(min, b.low() == null ? b.value() : b.low());
      max = Math.max(max, b.high() == null ? b.value() : b.high());
    }
    if (province != null) {
      min = Math.min(min, province);
      max = Math.max(max, province);
    }
    CategoryAxis units = new CategoryAxis();
    ChartStyle.axis(units, bars.size() > 20 ? 11 : 20);
    NumberAxis axis = new NumberAxis(valueAxis);
    ChartStyle.axis(axis, 20);
    axis.setStandardTickUnits(NumberAxis.createIntegerTickUnits(Formats.locale(lang)));
    double pad = Math.max(1, (max - min) * 0.08);
    axis.setRange(Math.max(0, min - pad), Math.min(max + pad, max > 100 ? max + pad : 100.5));
    BarRenderer renderer =
        new BarRenderer() {
          @Override
          public Paint getItemPaint(int row, int column) {
            return Palette.band(bars.get(column).band());
          }
        };
    renderer.setBarPainter(new StandardBarPainter());
    renderer.setShadowVisible(false);
    renderer.setBase(Math.max(0, min - pad));
    renderer.setMaximumBarWidth(0.08);
    CategoryPlot plot = new CategoryPlot(dataset, units, axis, renderer);
    plot.setOrientation(PlotOrientation.HORIZONTAL);
    plot.setRangeGridlinePaint(Palette.GRID);
    for (Bar b : bars) {
      if (b.low() != null && b.high() != null) {
        plot.addAnnotation(
            new CategoryLineAnnotation(
                b.label(), b.low(), b.label(), b.high(), Palette.REFERENCE, new BasicStroke(2.5f)));
      }
    }
    if (province != null) {
      ValueMarker marker = new ValueMarker(province, Palette.REFERENCE, ChartStyle.dashed(3f));
      marker.setLabel(provinceLabel);
      marker.setLabelFont(ChartFonts.bold(20));
      marker.setLabelAnchor(org.jfree.chart.ui.RectangleAnchor.TOP_RIGHT);
      marker.setLabelTextAnchor(org.jfree.chart.ui.TextAnchor.TOP_LEFT);
      plot.addRangeMarker(marker);
    }
    LegendItemCollection legend = new LegendItemCollection();
    for (int band = 1; band <= 4; band++) {
      legend.add(new LegendItem(bandLabels.get(band - 1), Palette.band(band)));
    }
    legend.add(new LegendItem(smallLabel, Palette.MUTED_GREY));
    plot.setFixedLegendItems(legend);
    return ChartStyle.chart(plot, title, subtitle, true);
  }
}
