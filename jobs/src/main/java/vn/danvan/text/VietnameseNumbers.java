package vn.danvan.text;

import java.math.BigDecimal;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.regex.Pattern;

/**
 * Reads numbers as districts write them: "2.358" (two thousand three hundred fifty-eight), "64,09",
 * "10 tỷ" (10 000 000 000), "1.458 tỷ đồng", "188.640 lượt người"; refuses what only a guess could
 * read.
 */
public final class VietnameseNumbers {

  /** Reason code of a cell that is not a number. */
  public static final String NOT_A_NUMBER = "NOT_A_NUMBER";

  /** Reason code of a cell that reads as two different numbers under the two conventions. */
  public static final String AMBIGUOUS_NUMBER = "AMBIGUOUS_NUMBER";

  /** Reason code of a fraction in a column that counts whole things. */
  public static final String NOT_WHOLE = "NOT_WHOLE";

  // Scale words multiply; unit words are dropped. Longest first, so "lượt người" wins over "người".
  private static final Map<String, BigDecimal> SCALES =
      Map.of(
          "nghìn tỷ", new BigDecimal("1000000000000"),
          "tỷ", new BigDecimal("1000000000"),
          "tỉ", new BigDecimal("1000000000"),
          "triệu", new BigDecimal("1000000"),
          "nghìn", new BigDecimal("1000"),
          "ngàn", new BigDecimal("1000"));
  private static final List<String> UNIT_WORDS =
      List.of(
          "lượt người",
          "ngày công",
          "lượt",
          "người",
          "cuộc",
          "buổi",
          "phiếu",
          "đồng",
          "vnđ",
          "vnd",
          "đ",
          "ngày",
          "công",
          "mô hình",
          "ý kiến",
          "kiến nghị");
  private static final Pattern DIGITS = Pattern.compile("-?\\d+");
  private static final Pattern GROUPED_DOTS = Pattern.compile("-?[1-9]\\d{0,2}(\\.\\d{3})+");
  private static final Pattern GROUPED_COMMAS = Pattern.compile("-?[1-9]\\d{0,2}(,\\d{3})+");
  private static final Pattern VN_FULL = Pattern.compile("-?[1-9]\\d{0,2}(\\.\\d{3})+,\\d+");
  private static final Pattern EN_FULL = Pattern.compile("-?[1-9]\\d{0,2}(,\\d{3})+\\.\\d+");
  private static final Pattern DOT_DECIMAL = Pattern.compile("-?\\d+\\.\\d+");
  private static final Pattern COMMA_DECIMAL = Pattern.compile("-?\\d+,\\d+");
  private static final Pattern GROUP_SPACES =
      Pattern.compile("(?<=\\d)[\\s\\u00A0\\u202F](?=\\d{3})");

  private VietnameseNumbers() {}

  /** Strips unit words and spaces between digit groups, leaving the bare numeral and its scale. */
  public static Numeral numeral(String cell) {
    String s = VietnameseText.clean(cell);
    if (s == null) {
      return new Numeral("", BigDecimal.ONE);
    }
    s = s.toLowerCase(Locale.ROOT);
    BigDecimal scale = BigDecimal.ONE;
    boolean stripped = true;
    while (stripped) {
      stripped = false;
      for (String unit : UNIT_WORDS) {
        if (s.endsWith(unit) && s.length() > unit.length()) {
          s = s.substring(0, s.length() - unit.length()).strip();
          stripped = true;
        }
      }
      for (Map.Entry<String, BigDecimal> e : SCALES.entrySet()) {
        if (s.endsWith(e.getKey()) && s.length() > e.getKey().length()) {
          s = s.substring(0, s.length() - e.getKey().length()).strip();
          scale = scale.multiply(e.getValue());
          stripped = true;
        }
      }
    }
    return new Numeral(GROUP_SPACES.matcher(s).replaceAll(""), scale);
  }

  /**
   * Reads {@code cell} as a number; {@code whole} when the column counts things (a separator
   * followed by three digits then can only group thousands).
   */
  public static Parsed<BigDecimal> parse(String cell, boolean whole, NumberConvention convention) {
    if (VietnameseText.isBlank(cell)) {
      return Parsed.blank();
    }
    Numeral n = numeral(cell);
    Parsed<BigDecimal> bare = parseBare(n.digits(), whole || n.hasScale(), convention);
    if (bare.isFailed()) {
      return bare;
    }
    BigDecimal value = bare.value().multiply(n.scale());
    if (whole && value.stripTrailingZeros().scale() > 0) {
      return Parsed.failed(NOT_WHOLE);
    }
    return Parsed.of(whole ? value.setScale(0) : value.stripTrailingZeros());
  }

  private static Parsed<BigDecimal> parseBare(
      String s, boolean groupingWins, NumberConvention convention) {
    if (DIGITS.matcher(s).matches()) {
      return Parsed.of(new BigDecimal(s));
    }
    if (VN_FULL.matcher(s).matches()) {
      return Parsed.of(new BigDecimal(s.replace(".", "").replace(',', '.')));
    }
    if (EN_FULL.matcher(s).matches()) {
      return Parsed.of(new BigDecimal(s.replace(",", "")));
    }
    boolean dotGroups = GROUPED_DOTS.matcher(s).matches();
    boolean commaGroups = GROUPED_COMMAS.matcher(s).matches();
    boolean singleGroup = s.chars().filter(c -> c == '.' || c == ',').count() == 1;
    if (dotGroups || commaGroups) {
      BigDecimal grouped = new BigDecimal(s.replace(".", "").replace(",", ""));
      if (!singleGroup || groupingWins) {
        return Parsed.of(grouped);
      }
      // "1.500" or "1,500" in a decimal column: only the file's convention can tell.
      boolean groupingConvention =
          dotGroups
              ? convention == NumberConvention.VIETNAMESE
              : convention == NumberConvention.ENGLISH;
      boolean decimalConvention =
          dotGroups
              ? convention == NumberConvention.ENGLISH
              : convention == NumberConvention.VIETNAMESE;
      if (groupingConvention) {
        return Parsed.of(grouped);
      }
      if (decimalConvention) {
        return Parsed.of(new BigDecimal(s.replace(',', '.')));
      }
      return Parsed.failed(AMBIGUOUS_NUMBER);
    }
    if (DOT_DECIMAL.matcher(s).matches()) {
      return Parsed.of(new BigDecimal(s));
    }
    if (COMMA_DECIMAL.matcher(s).matches()) {
      return Parsed.of(new BigDecimal(s.replace(',', '.')));
    }
    return Parsed.failed(NOT_A_NUMBER);
  }

  /**
   * A numeral with its unit words removed.
   *
   * @param digits the digits and separators
   * @param scale what a scale word multiplied it by (1 when none)
   */
  public record Numeral(String digits, BigDecimal scale) {
    boolean hasScale() {
      return scale.compareTo(BigDecimal.ONE) != 0;
    }
  }
}
