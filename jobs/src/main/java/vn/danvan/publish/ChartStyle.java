package vn.danvan.publish;

import java.awt.BasicStroke;
import java.awt.Color;
import org.jfree.chart.JFreeChart;
import org.jfree.chart.axis.Axis;
import org.jfree.chart.block.BlockBorder;
import org.jfree.chart.plot.Plot;
import org.jfree.chart.title.LegendTitle;
import org.jfree.chart.title.TextTitle;
import org.jfree.chart.ui.RectangleEdge;
import org.jfree.chart.ui.RectangleInsets;

/** The look every chart shares: the shipped font, white background, light grid, legend below. */
final class ChartStyle {

  private ChartStyle() {}

  /** A chart titled {@code title} over {@code subtitle}, drawing {@code plot}. */
  static JFreeChart chart(Plot plot, String title, String subtitle, boolean legend) {
    JFreeChart chart = new JFreeChart(null, ChartFonts.bold(38), plot, legend);
    chart.setBackgroundPaint(Color.WHITE);
    chart.setPadding(new RectangleInsets(20, 30, 20, 40));
    chart.setTitle(new TextTitle(title, ChartFonts.bold(38)));
    TextTitle sub = new TextTitle(subtitle, ChartFonts.regular(22));
    sub.setPaint(new Color(0x55, 0x55, 0x55));
    chart.addSubtitle(sub);
    if (legend) {
      LegendTitle l = chart.getLegend();
      l.setItemFont(ChartFonts.regular(20));
      l.setPosition(RectangleEdge.BOTTOM);
      l.setFrame(BlockBorder.NONE);
    }
    plot.setBackgroundPaint(Color.WHITE);
    plot.setOutlineVisible(false);
    return chart;
  }

  /** Axis label and tick fonts at slide size. */
  static void axis(Axis axis, float tickSize) {
    axis.setLabelFont(ChartFonts.regular(24));
    axis.setTickLabelFont(ChartFonts.regular(tickSize));
  }

  /** A dashed line. */
  static BasicStroke dashed(float width) {
    return new BasicStroke(
        width, BasicStroke.CAP_BUTT, BasicStroke.JOIN_MITER, 10f, new float[] {14f, 9f}, 0f);
  }
}
