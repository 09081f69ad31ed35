package vn.danvan.text;

import java.text.Normalizer;
import java.util.Locale;
import java.util.regex.Pattern;

/**
 * Text normalisation for Vietnamese names and headers: NFC for storage, a folded key for matching.
 */
public final class VietnameseText {

  private static final Pattern COMBINING_MARKS = Pattern.compile("\\p{M}+");
  private static final Pattern NOT_LETTER_OR_DIGIT = Pattern.compile("[^\\p{L}\\p{N}]+");
  private static final Pattern SPACES = Pattern.compile("[\\s\\u00A0\\u2007\\u202F\\uFEFF]+");

  private VietnameseText() {}

  /** NFC-normalised, trimmed text with runs of white space folded to one space; null stays null. */
  public static String clean(String text) {
    if (text == null) {
      return null;
    }
    String nfc = Normalizer.normalize(text, Normalizer.Form.NFC);
    return SPACES.matcher(nfc).replaceAll(" ").strip();
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
    String bare = COMBINING_MARKS.matcher(decomposed).replaceAll("");
    bare = bare.replace('đ', 'd').replace('Đ', 'D').toLowerCase(Locale.ROOT);
    return NOT_LETTER_OR_DIGIT.matcher(bare).replaceAll(" ").strip();
  }

  /** True when the text is null or only white space. */
  public static boolean isBlank(String text) {
    return text == null || SPACES.matcher(text).replaceAll("").isEmpty();
  }
}
