package vn.danvan.reference;

import java.io.Serializable;
import java.util.HashMap;
import java.util.Map;
import java.util.Optional;
import java.util.TreeSet;
import vn.danvan.text.CsvTable;
import vn.danvan.text.VietnameseText;

/**
 * The values an enumerated column accepts, in English or in Vietnamese ("Bí thư" for {@code
 * secretary}), read from {@code value_aliases.csv} (columns domain, value, alias); matched case-,
 * accent- and spacing-insensitively.
 */
public final class Vocabulary implements Serializable {

  private static final long serialVersionUID = 1L;

  private final Map<String, Map<String, String>> byDomain;

  private Vocabulary(Map<String, Map<String, String>> byDomain) {
    this.byDomain = byDomain;
  }

  /** The vocabulary in {@code table}; every value is also its own alias. */
  public static Vocabulary from(CsvTable table) {
    Map<String, Map<String, String>> byDomain = new HashMap<>();
    for (Map<String, String> row : table.rows()) {
      Map<String, String> domain =
          byDomain.computeIfAbsent(row.get("domain"), d -> new HashMap<>());
      domain.putIfAbsent(VietnameseText.key(row.get("value")), row.get("value"));
      if (row.get("alias") != null) {
        domain.putIfAbsent(VietnameseText.key(row.get("alias")), row.get("value"));
      }
    }
    return new Vocabulary(byDomain);
  }

  /** The canonical value of {@code domain} that {@code text} names, if any. */
  public Optional<String> lookup(String domain, String text) {
    return Optional.ofNullable(
        byDomain.getOrDefault(domain, Map.of()).get(VietnameseText.key(text)));
  }

  /** The canonical values of {@code domain}, for messages. */
  public String values(String domain) {
    return String.join("/", new TreeSet<>(byDomain.getOrDefault(domain, Map.of()).values()));
  }
}
