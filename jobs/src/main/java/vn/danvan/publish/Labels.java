package vn.danvan.publish;

import java.util.Map;
import java.util.stream.Collectors;
import vn.danvan.text.CsvTable;

/** Chart and document labels in Vietnamese (default) or English, from {@code labels.csv}. */
public final class Labels {

  private static final CsvTable TABLE = CsvTable.resource(Labels.class, "labels.csv");

  private final Map<String, String> texts;
  private final String lang;

  private Labels(String lang) {
    this.lang = lang;
    this.texts =
        TABLE.rows().stream().collect(Collectors.toMap(r -> r.get("key"), r -> r.get(lang)));
  }

  /** The labels of {@code lang}, {@code vi} or {@code en}. */
  public static Labels of(String lang) {
    if (!"vi".equals(lang) && !"en".equals(lang)) {
      throw new IllegalArgumentException("--lang must be vi or en, not " + lang);
    }
    return new Labels(lang);
  }

  /** The language. */
  public String lang() {
    return lang;
  }

  /** The label {@code key}, with {@code {name}} placeholders filled from {@code values}. */
  public String text(String key, Object... values) {
    String text = texts.get(key);
    if (text == null) {
      throw new IllegalArgumentException("No label " + key + " in labels.csv");
    }
    for (int i = 0; i + 1 < values.length; i += 2) {
      text = text.replace("{" + values[i] + "}", String.valueOf(values[i + 1]));
    }
    return text;
  }
}
