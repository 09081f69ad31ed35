package vn.danvan.publish;

import java.text.NumberFormat;
import java.util.Locale;

/** Number formats of the labels' language: Vietnamese writes 1.234,5; English 1,234.5. */
public final class Formats {

  private Formats() {}

  /** The locale of {@code lang}. */
  public static Locale locale(String lang) {
    return "en".equals(lang) ? Locale.UK : Locale.forLanguageTag("vi-VN");
  }

  /** A number format with {@code decimals} fraction digits in {@code lang}'s convention. */
  public static NumberFormat number(String lang, int decimals) {
    NumberFormat f = NumberFormat.getNumberInstance(locale(lang));
    f.setMinimumFractionDigits(decimals);
    f.setMaximumFractionDigits(decimals);
    f.setGroupingUsed(true);
    return f;
  }
}
