package vn.danvan.publish;

import java.awt.Color;
import java.util.List;

/**
 * Colours that colour-blind readers can tell apart (Paul Tol's "muted" and "bright" schemes), given
 * to units in a fixed order so one district keeps its colour on every chart.
 */
public final class Palette {

  private static final List<Color> MUTED =
      List.of(
          new Color(0x33, 0x22, 0x88),
          new Color(0x88, 0xCC, 0xEE),
          new Color(0x44, 0xAA, 0x99),
          new Color(0x11, 0x77, 0x33),
          new Color(0x99, 0x99, 0x33),
          new Color(0xDD, 0xCC, 0x77),
          new Color(0xCC, 0x66, 0x77),
          new Color(0x88, 0x22, 0x55),
          new Color(0xAA, 0x44, 0x99));

  /** Quartile bands 1 (best) to 4, from Tol's "bright" scheme. */
  private static final List<Color> BANDS =
      List.of(
          new Color(0x22, 0x88, 0x33),
          new Color(0x66, 0xCC, 0xEE),
          new Color(0xCC, 0xBB, 0x44),
          new Color(0xEE, 0x66, 0x77));

  /** The province line and other references. */
  public static final Color REFERENCE = new Color(0x22, 0x22, 0x22);

  /** Target lines. */
  public static final Color TARGET = new Color(0xBB, 0x55, 0x66);

  /** Units too small to rank. */
  public static final Color MUTED_GREY = new Color(0xBB, 0xBB, 0xBB);

  /** Grid lines. */
  public static final Color GRID = new Color(0xDD, 0xDD, 0xDD);

  private Palette() {}

  /** The colour of the unit at {@code index} in the fixed order of its level's units. */
  public static Color of(int index) {
    return MUTED.get(Math.floorMod(index, MUTED.size()));
  }

  /** The colour of quartile band {@code band} (1 is the best quarter); grey when none. */
  public static Color band(Integer band) {
    return band == null ? MUTED_GREY : BANDS.get(Math.max(0, Math.min(3, band - 1)));
  }
}
