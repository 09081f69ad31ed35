package vn.danvan.text;

import java.text.Normalizer;

/**
 * Text normalisation for Vietnamese names and headers: NFC for storage, a folded key for matching.
 * Written as plain loops: they run for every cell of every file.
 */
public final class VietnameseText {

  private VietnameseText() {}

  /** NFC-normalised, trimmed text with runs of white space folded to one space; null stays null. */
  public static String clean(String text) {
    if (text == null) {
      return null;
    }
    String nfc =
        Normalizer.isNormalized(text, Normalizer.Form.NFC)
            ? text
            : Normalizer.normalize(text, Normalizer.Form.NFC);
    StringBuilder out = new StringBuilder(nfc.length());
    boolean space = false;
    for (int i = 0; i < nfc.length(); i++) {
      char c = nfc.charAt(i);
      if (isSpace(c)) {
        space = out.length() > 0;
      } else {
        if (space) {
          out.append(' ');
          space = false;
        }
        out.append(c);
      }
    }
    return out.toString();
  }

  /**
   * The matching key of a name or header: accents, case, punctuation and spacing removed ("Mã xã",
   * "MA XA" and "ma_xa" all give "ma xa"); "đ" folds to "d".
   */
  public static String key(String text) {
    if (text == null) {
      return "";
    }
    String decomposed = Normalizer.normalize(text, Normalizer.Form.NFD);
    StringBuilder out = new StringBuilder(decomposed.length());
    boolean gap = false;
    for (int i = 0; i < decomposed.length(); i++) {
      char c = decomposed.charAt(i);
      if (Character.getType(c) == Character.NON_SPACING_MARK
          || Character.getType(c) == Character.COMBINING_SPACING_MARK
          || Character.getType(c) == Character.ENCLOSING_MARK) {
        continue;
      }
      if (c == 'đ' || c == 'Đ') {
        c = 'd';
      }
      if (Character.isLetterOrDigit(c)) {
        if (gap && out.length() > 0) {
          out.append(' ');
        }
        gap = false;
        out.append(Character.toLowerCase(c));
      } else {
        gap = true;
      }
    }
    return out.toString();
  }

  /** True when the text is null or only white space. */
  public static boolean isBlank(String text) {
    if (text == null) {
      return true;
    }
    for (int i = 0; i < text.length(); i++) {
      if (!isSpace(text.charAt(i))) {
        return false;
      }
    }
    return true;
  }

  private static boolean isSpace(char c) {
    return Character.isWhitespace(c)
        || c == '\u00A0'
        || c == '\u2007'
        || c == '\u202F'
        || c == '\uFEFF';
  }
}
