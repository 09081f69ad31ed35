package vn.danvan.publish;

import java.text.NumberFormat;

/** How the pack writes values in its tables: the language's number format, units, statuses. */
final class TableText {

  private final Labels labels;

  TableText(Labels labels) {
    this.labels = labels;
  }

  /** {@code value} with the decimals its unit deserves. */
  String value(Double value, String unit) {
    if (value == null) {
      return "–";
    }
    if ("đồng".equals(unit) && Math.abs(value) >= 1e9) {
      return number(value / 1e9, 1) + ("en".equals(labels.lang()) ? " billion" : " tỷ");
    }
    return number(value, decimals(unit, value)) + (unit != null && unit.equals("%") ? " %" : "");
  }

  /** An interval, or a dash when there is none. */
  String interval(Double low, Double high, String unit) {
    if (low == null || high == null) {
      return "–";
    }
    int d = decimals(unit, high);
    return number(low, d) + " – " + number(high, d);
  }

  /** A status in words. */
  String status(String status) {
    return status == null ? "–" : labels.text("status." + status);
  }

  /** A comparison with the province in words. */
  String versus(String vs) {
    return vs == null ? "–" : labels.text("vs." + vs);
  }

  String number(double value, int decimals) {
    NumberFormat f = Formats.number(labels.lang(), decimals);
    return f.format(value);
  }

  private static int decimals(String unit, double value) {
    if (unit == null) {
      return value == Math.rint(value) ? 0 : 1;
    }
    return unit.equals("%") || unit.contains("/") ? 1 : value == Math.rint(value) ? 0 : 1;
  }
}
