package vn.danvan.publish;

import java.awt.Graphics2D;
import java.awt.RenderingHints;
import java.awt.geom.Rectangle2D;
import java.awt.image.BufferedImage;
import java.io.IOException;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import javax.imageio.ImageIO;
import org.jfree.chart.JFreeChart;
import org.jfree.svg.SVGGraphics2D;
import org.jfree.svg.SVGHints;

/** Writes a chart as PNG (for slides) and SVG (for print, text drawn as outlines). */
public final class ChartFiles {

  /** Slide size. */
  public static final int WIDTH = 1920;

  /** Slide size. */
  public static final int HEIGHT = 1080;

  private ChartFiles() {}

  /** Writes {@code chart} to {@code base}.png and {@code base}.svg; returns the PNG's path. */
  public static Path write(JFreeChart chart, Path base) {
    try {
      Files.createDirectories(base.toAbsolutePath().getParent());
      Path png = base.resolveSibling(base.getFileName() + ".png");
      writePng(chart, png, WIDTH, HEIGHT, 1);
      Path svg = base.resolveSibling(base.getFileName() + ".svg");
      Files.writeString(svg, svg(chart, WIDTH, HEIGHT), StandardCharsets.UTF_8);
      return png;
    } catch (IOException e) {
      throw new UncheckedIOException("Cannot write chart " + base, e);
    }
  }

  /** Renders {@code chart} at {@code width}×{@code height} points, {@code scale} pixels each. */
  public static BufferedImage image(JFreeChart chart, int width, int height, double scale) {
    BufferedImage image =
        new BufferedImage(
            (int) (width * scale), (int) (height * scale), BufferedImage.TYPE_INT_RGB);
    Graphics2D g = image.createGraphics();
    g.setRenderingHint(RenderingHints.KEY_ANTIALIASING, RenderingHints.VALUE_ANTIALIAS_ON);
    g.setRenderingHint(
        RenderingHints.KEY_TEXT_ANTIALIASING, RenderingHints.VALUE_TEXT_ANTIALIAS_ON);
    g.scale(scale, scale);
    chart.draw(g, new Rectangle2D.Double(0, 0, width, height));
    g.dispose();
    return image;
  }

  private static void writePng(JFreeChart chart, Path png, int width, int height, double scale)
      throws IOException {
    try (OutputStream out = Files.newOutputStream(png)) {
      ImageIO.write(image(chart, width, height, scale), "png", out);
    }
  }

  /** The chart as SVG text, its labels drawn as outlines so no font is needed to view it. */
  public static String svg(JFreeChart chart, int width, int height) {
    SVGGraphics2D g = new SVGGraphics2D(width, height);
    g.setRenderingHint(SVGHints.KEY_DRAW_STRING_TYPE, SVGHints.VALUE_DRAW_STRING_TYPE_VECTOR);
    chart.draw(g, new Rectangle2D.Double(0, 0, width, height));
    return g.getSVGDocument();
  }
}
