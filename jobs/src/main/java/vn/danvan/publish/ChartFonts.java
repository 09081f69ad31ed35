package vn.danvan.publish;

import java.awt.Font;
import java.awt.FontFormatException;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;

/**
 * The font every chart and document uses: Liberation Sans, shipped as a dependency, so output looks
 * the same on any machine and every Vietnamese diacritic has a glyph.
 */
public final class ChartFonts {

  /** Where the regular face lives on the classpath. */
  public static final String REGULAR_RESOURCE = "/liberation/LiberationSans-Regular.ttf";

  /** Where the bold face lives on the classpath. */
  public static final String BOLD_RESOURCE = "/liberation/LiberationSans-Bold.ttf";

  private static final Font REGULAR = load(REGULAR_RESOURCE);
  private static final Font BOLD = load(BOLD_RESOURCE);

  private ChartFonts() {}

  /** The regular face at {@code size} points. */
  public static Font regular(float size) {
    return REGULAR.deriveFont(Font.PLAIN, size);
  }

  /** The bold face at {@code size} points. */
  public static Font bold(float size) {
    return BOLD.deriveFont(Font.PLAIN, size);
  }

  /** The font file's bytes, for documents that embed it. */
  public static InputStream stream(String resource) {
    InputStream in = ChartFonts.class.getResourceAsStream(resource);
    if (in == null) {
      throw new IllegalStateException("Font " + resource + " is missing from the classpath");
    }
    return in;
  }

  private static Font load(String resource) {
    try (InputStream in = stream(resource)) {
      return Font.createFont(Font.TRUETYPE_FONT, in);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    } catch (FontFormatException e) {
      throw new IllegalStateException("Font " + resource + " cannot be read", e);
    }
  }
}
