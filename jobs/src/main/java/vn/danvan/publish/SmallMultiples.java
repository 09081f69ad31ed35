package vn.danvan.publish;

import java.awt.Color;
import java.awt.Graphics2D;
import java.awt.geom.Rectangle2D;
import java.util.List;
import org.jfree.chart.JFreeChart;
import org.jfree.chart.text.TextUtils;
import org.jfree.chart.ui.Drawable;
import org.jfree.chart.ui.TextAnchor;

/** A title over a grid of small charts, one per unit: readable where one plot would be a tangle. */
final class SmallMultiples implements Drawable {

  private static final double HEADER = 110;

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
    for (int i = 0; i < panels.size(); i++) {
      double x = area.getX() + (i % columns) * w;
      double y = area.getY() + HEADER + (i / columns) * h;
      panels.get(i).draw(g, new Rectangle2D.Double(x, y, w, h));
    }
  }
}
