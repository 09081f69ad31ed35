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

  /** A date as the language writes it: 30/06/2025, or 30 Jun 2025. */
  public static String date(String lang, java.time.LocalDate date) {
    return date.format(
        java.time.format.DateTimeFormatter.ofPattern(
            "en".equals(lang) ? "d MMM yyyy" : "dd/MM/yyyy", locale(lang)));
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
