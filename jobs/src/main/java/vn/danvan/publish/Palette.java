package vn.danvan.publish;

import java.awt.Color;
import java.util.List;

/**
 * Colours that colour-blind readers can tell apart (Paul Tol's "muted" scheme), given to units in a
 * fixed order so one district keeps its colour on every chart.
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

  /** The province line and other references. */
  public static final Color REFERENCE = new Color(0x22, 0x22, 0x22);

  /** Target lines. */
  public static final Color TARGET = new Color(0xBB, 0x55, 0x66);

  private Palette() {}

  /** The colour of the unit at {@code index} in the sorted list of its level's units. */
  public static Color of(int index) {
    return MUTED.get(Math.floorMod(index, MUTED.size()));
  }
}
