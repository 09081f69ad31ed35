package vn.danvan.text;

/** Text typed in legacy Vietnamese font encodings (TCVN3, VNI), converted to Unicode. */
public final class LegacyVietnamese {

  private LegacyVietnamese() {}

  /** {@code text} converted to Unicode when it is legacy-encoded, otherwise unchanged. */
  public static String repair(String text) {
    return text;
  }
}
