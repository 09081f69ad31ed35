package vn.danvan.publish;

import java.awt.Color;
import java.util.List;
import org.jfree.chart.JFreeChart;
import org.jfree.chart.axis.CategoryAxis;
import org.jfree.chart.axis.NumberAxis;
import org.jfree.chart.plot.CategoryPlot;
import org.jfree.chart.plot.PlotOrientation;
import org.jfree.chart.renderer.category.BarRenderer;
import org.jfree.chart.renderer.category.StandardBarPainter;
import org.jfree.data.category.DefaultCategoryDataset;

/** "Dân vận khéo" models by field: registered and recognised, collective and individual. */
final class ModelsChart {

  /**
   * The bars of one field.
   *
   * @param field the field's label
   * @param values registered collective, registered individual, recognised collective, recognised
   *     individual
   */
  record Field(String field, long[] values) {}

  private static final Color[] COLOURS = {
    new Color(0x88, 0xCC, 0xEE), new Color(0x44, 0xAA, 0x99),
    new Color(0x33, 0x22, 0x88), new Color(0x11, 0x77, 0x33)
  };

  private ModelsChart() {}

  static JFreeChart create(
      String title,
      String subtitle,
      String axisLabel,
      List<String> seriesLabels,
      List<Field> fields,
      String lang) {
    DefaultCategoryDataset data = new DefaultCategoryDataset();
    for (Field f : fields) {
      for (int s = 0; s < 4; s++) {
        data.addValue(f.values()[s], seriesLabels.get(s), f.field());
      }
    }
    CategoryAxis categories = new CategoryAxis();
    ChartStyle.axis(categories, 20);
    NumberAxis axis = new NumberAxis(axisLabel);
    axis.setStandardTickUnits(NumberAxis.createIntegerTickUnits(Formats.locale(lang)));
    ChartStyle.axis(axis, 20);
    BarRenderer renderer = new BarRenderer();
    renderer.setBarPainter(new StandardBarPainter());
    renderer.setShadowVisible(false);
    renderer.setItemMargin(0.05);
    for (int s = 0; s < 4; s++) {
      renderer.setSeriesPaint(s, COLOURS[s]);
    }
    CategoryPlot plot = new CategoryPlot(data, categories, axis, renderer);
    plot.setOrientation(PlotOrientation.VERTICAL);
    plot.setRangeGridlinePaint(Palette.GRID);
    return ChartStyle.chart(plot, title, subtitle, true);
  }
}
