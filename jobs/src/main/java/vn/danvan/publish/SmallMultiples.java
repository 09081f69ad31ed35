package vn.danvan.publish;

import java.awt.Color;
import java.awt.FontMetrics;
import java.awt.Graphics2D;
import java.awt.geom.Rectangle2D;
import java.awt.image.BufferedImage;
import java.util.List;
import org.jfree.chart.ChartRenderingInfo;
import org.jfree.chart.JFreeChart;
import org.jfree.chart.axis.CategoryAxis;
import org.jfree.chart.plot.CategoryPlot;
import org.jfree.chart.text.TextUtils;
import org.jfree.chart.ui.Drawable;
import org.jfree.chart.ui.RectangleEdge;
import org.jfree.chart.ui.TextAnchor;

/** A title over a grid of small charts, one per unit: readable where one plot would be a tangle. */
final class SmallMultiples implements Drawable {

  private static final double HEADER = 110;

  /** The share of a period's width its label may take (JFreeChart's own: 95 %). */
  private static final double LABEL_SHARE = 0.95;

  private final String title;
  private final String subtitle;
  private final List<JFreeChart> panels;

  SmallMultiples(String title, String subtitle, List<JFreeChart> panels) {
    this.title = title;
    this.subtitle = subtitle;
    this.panels = panels;
  }

  @Override
  public void draw(Graphics2D g, Rectangle2D area) {
    g.setPaint(Color.WHITE);
    g.fill(area);
    g.setPaint(Color.BLACK);
    g.setFont(ChartFonts.bold(38));
    TextUtils.drawAlignedString(
        title,
        g,
        (float) area.getCenterX(),
        (float) (area.getY() + 50),
        TextAnchor.BASELINE_CENTER);
    g.setFont(ChartFonts.regular(22));
    g.setPaint(new Color(0x55, 0x55, 0x55));
    TextUtils.drawAlignedString(
        subtitle,
        g,
        (float) area.getCenterX(),
        (float) (area.getY() + 88),
        TextAnchor.BASELINE_CENTER);
    int columns =
        (int) Math.ceil(Math.sqrt(panels.size() * area.getWidth() / (area.getHeight() - HEADER)));
    int rows = (int) Math.ceil(panels.size() / (double) columns);
    double w = area.getWidth() / columns;
    double h = (area.getHeight() - HEADER) / rows;
    labelPeriods(g, w, h);
    for (int i = 0; i < panels.size(); i++) {
      double x = area.getX() + (i % columns) * w;
      double y = area.getY() + HEADER + (i / columns) * h;
      panels.get(i).draw(g, new Rectangle2D.Double(x, y, w, h));
    }
  }

  /**
   * Each period labelled under its point when every label fits the space a period has in a panel of
   * {@code w} × {@code h}; otherwise (many units, narrow panels) the first and last period under
   * the axis instead: JFreeChart would cut each label to "III…".
   */
  private void labelPeriods(Graphics2D g, double w, double h) {
    CategoryPlot plot = panels.get(0).getCategoryPlot();
    List<?> periods = plot.getCategories();
    if (periods == null || periods.isEmpty()) {
      return;
    }
    // Drawn more than once (PNG, then SVG): decided afresh each time.
    for (JFreeChart panel : panels) {
      panel.getCategoryPlot().getDomainAxis().setTickLabelsVisible(true);
      panel.getCategoryPlot().getDomainAxis().setLabel(null);
    }
    ChartRenderingInfo info = new ChartRenderingInfo();
    Graphics2D scratch = new BufferedImage(1, 1, BufferedImage.TYPE_INT_RGB).createGraphics();
    try {
      panels.get(0).draw(scratch, new Rectangle2D.Double(0, 0, w, h), info);
    } finally {
      scratch.dispose();
    }
    CategoryAxis axis = plot.getDomainAxis();
    Rectangle2D data = info.getPlotInfo().getDataArea();
    int n = periods.size();
    double room =
        LABEL_SHARE
            * (axis.getCategoryEnd(0, n, data, RectangleEdge.BOTTOM)
                - axis.getCategoryStart(0, n, data, RectangleEdge.BOTTOM));
    FontMetrics metrics = g.getFontMetrics(axis.getTickLabelFont());
    if (periods.stream().allMatch(p -> metrics.stringWidth(p.toString()) <= room)) {
      return;
    }
    String range = periods.get(0) + " – " + periods.get(periods.size() - 1);
    for (JFreeChart panel : panels) {
      CategoryAxis a = panel.getCategoryPlot().getDomainAxis();
      a.setTickLabelsVisible(false);
      a.setLabel(range);
      a.setLabelFont(a.getTickLabelFont());
    }
  }
}
