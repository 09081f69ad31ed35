package vn.danvan.publish;

import java.awt.Paint;
import java.util.List;
import org.jfree.chart.JFreeChart;
import org.jfree.chart.axis.CategoryAxis;
import org.jfree.chart.axis.NumberAxis;
import org.jfree.chart.plot.CategoryPlot;
import org.jfree.chart.plot.CombinedDomainCategoryPlot;
import org.jfree.chart.plot.PlotOrientation;
import org.jfree.chart.renderer.category.BarRenderer;
import org.jfree.chart.renderer.category.StandardBarPainter;
import org.jfree.data.category.DefaultCategoryDataset;

/**
 * Ethnic-minority outreach by unit: per EM-area commune and per 1 000 EM inhabitants, side by side.
 */
final class OutreachChart {

  /**
   * One unit's bars.
   *
   * @param name the unit's name
   * @param colourIndex its fixed colour
   * @param perArea participants per ethnic-minority-area commune
   * @param per1000 participants per 1 000 ethnic-minority inhabitants
   */
  record Bars(String name, int colourIndex, Double perArea, Double per1000) {}

  private OutreachChart() {}

  static JFreeChart create(
      String title,
      String subtitle,
      String perAreaAxis,
      String per1000Axis,
      List<Bars> bars,
      String lang) {
    CategoryAxis units = new CategoryAxis();
    ChartStyle.axis(units, bars.size() > 20 ? 11 : 18);
    CombinedDomainCategoryPlot plot = new CombinedDomainCategoryPlot(units);
    plot.add(panel(perAreaAxis, bars, true, lang));
    plot.add(panel(per1000Axis, bars, false, lang));
    plot.setOrientation(PlotOrientation.HORIZONTAL);
    plot.setGap(30);
    return ChartStyle.chart(plot, title, subtitle, false);
  }

  private static CategoryPlot panel(
      String axisLabel, List<Bars> bars, boolean perArea, String lang) {
    DefaultCategoryDataset data = new DefaultCategoryDataset();
    for (Bars b : bars) {
      data.addValue(perArea ? b.perArea() : b.per1000(), axisLabel, b.name());
    }
    NumberAxis axis = new NumberAxis(axisLabel);
    axis.setNumberFormatOverride(Formats.number(lang, 0));
    ChartStyle.axis(axis, 18);
    BarRenderer renderer =
        new BarRenderer() {
          @Override
          public Paint getItemPaint(int row, int column) {
            return Palette.of(bars.get(column).colourIndex());
          }
        };
    renderer.setBarPainter(new StandardBarPainter());
    renderer.setShadowVisible(false);
    CategoryPlot plot = new CategoryPlot(data, null, axis, renderer);
    plot.setRangeGridlinePaint(Palette.GRID);
    plot.setBackgroundPaint(java.awt.Color.WHITE);
    plot.setOutlineVisible(false);
    return plot;
  }
}
