package vn.danvan.errors;

import java.io.Serializable;
import java.util.Map;
import java.util.stream.Collectors;
import vn.danvan.text.CsvTable;

/**
 * Why a row went to quarantine or a file was rejected: every reason a user reads, in Vietnamese and
 * English, comes from {@code reasons.csv}.
 */
public final class Reasons implements Serializable {

  private static final long serialVersionUID = 1L;
  private static final Reasons INSTANCE =
      new Reasons(CsvTable.resource(Reasons.class, "reasons.csv"));

  private final Map<String, String[]> messages;

  private Reasons(CsvTable table) {
    this.messages =
        table.rows().stream()
            .collect(
                Collectors.toMap(
                    r -> r.get("code"),
                    r -> new String[] {r.get("message_vi"), r.get("message_en")}));
  }

  /** The catalogue shipped in the jar. */
  public static Reasons catalogue() {
    return INSTANCE;
  }

  /** True when {@code code} is a known reason. */
  public boolean contains(String code) {
    return messages.containsKey(code);
  }

  /** The Vietnamese message for {@code code} with its placeholders filled. */
  public String vietnamese(String code, String column, String value, String detail) {
    return fill(message(code)[0], column, value, detail);
  }

  /** The English message for {@code code} with its placeholders filled. */
  public String english(String code, String column, String value, String detail) {
    return fill(message(code)[1], column, value, detail);
  }

  private String[] message(String code) {
    String[] m = messages.get(code);
    if (m == null) {
      throw new IllegalArgumentException("Reason code " + code + " is not in reasons.csv");
    }
    return m;
  }

  private static String fill(String template, String column, String value, String detail) {
    return template
        .replace("{column}", column == null ? "" : column)
        .replace("{value}", value == null ? "" : value)
        .replace("{detail}", detail == null ? "" : detail);
  }
}
