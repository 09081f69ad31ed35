package vn.danvan.publish;

import java.awt.Graphics2D;
import java.awt.RenderingHints;
import java.awt.geom.Rectangle2D;
import java.awt.image.BufferedImage;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import javax.imageio.ImageIO;
import org.jfree.chart.ui.Drawable;
import org.jfree.svg.SVGGraphics2D;
import org.jfree.svg.SVGHints;

/**
 * Writes a chart as PNG (1920×1080 for slides, or more pixels for print) and SVG (text drawn as
 * outlines, so it looks the same without the font).
 */
public final class ChartFiles {

  /** Slide size, in points. */
  public static final int WIDTH = 1920;

  /** Slide size, in points. */
  public static final int HEIGHT = 1080;

  /** Screen resolution: 1920×1080 pixels. */
  public static final int SCREEN_DPI = 96;

  private ChartFiles() {}

  /**
   * Writes {@code chart} to {@code base}.png at {@code dpi} and {@code base}.svg; returns the PNG's
   * bytes.
   */
  public static byte[] write(Drawable chart, Path base, int dpi) {
    try {
      Files.createDirectories(base.toAbsolutePath().getParent());
      byte[] png = png(chart, dpi / (double) SCREEN_DPI);
      Files.write(base.resolveSibling(base.getFileName() + ".png"), png);
      Files.writeString(
          base.resolveSibling(base.getFileName() + ".svg"),
          svg(chart, true),
          StandardCharsets.UTF_8);
      return png;
    } catch (IOException e) {
      throw new UncheckedIOException("Cannot write chart " + base, e);
    }
  }

  /** {@code chart} as PNG bytes, {@code scale} pixels per point. */
  public static byte[] png(Drawable chart, double scale) {
    BufferedImage image =
        new BufferedImage(
            (int) Math.round(WIDTH * scale),
            (int) Math.round(HEIGHT * scale),
            BufferedImage.TYPE_INT_RGB);
    Graphics2D g = image.createGraphics();
    g.setRenderingHint(RenderingHints.KEY_ANTIALIASING, RenderingHints.VALUE_ANTIALIAS_ON);
    g.setRenderingHint(
        RenderingHints.KEY_TEXT_ANTIALIASING, RenderingHints.VALUE_TEXT_ANTIALIAS_ON);
    g.setRenderingHint(
        RenderingHints.KEY_FRACTIONALMETRICS, RenderingHints.VALUE_FRACTIONALMETRICS_ON);
    g.scale(scale, scale);
    chart.draw(g, new Rectangle2D.Double(0, 0, WIDTH, HEIGHT));
    g.dispose();
    try {
      ByteArrayOutputStream out = new ByteArrayOutputStream();
      ImageIO.write(image, "png", out);
      return out.toByteArray();
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  /**
   * {@code chart} as SVG; with {@code outlines} its text is drawn as shapes, otherwise as {@code
   * <text>} elements (which tests read to check every label).
   */
  public static String svg(Drawable chart, boolean outlines) {
    SVGGraphics2D g = new SVGGraphics2D(WIDTH, HEIGHT);
    if (outlines) {
      g.setRenderingHint(SVGHints.KEY_DRAW_STRING_TYPE, SVGHints.VALUE_DRAW_STRING_TYPE_VECTOR);
    }
    chart.draw(g, new Rectangle2D.Double(0, 0, WIDTH, HEIGHT));
    return g.getSVGDocument();
  }
}
