package vn.danvan.ingest;

import java.io.Serializable;
import java.util.HashMap;
import java.util.Map;
import java.util.Optional;
import vn.danvan.schema.RecordKind;
import vn.danvan.schema.RecordKinds;
import vn.danvan.text.CsvTable;
import vn.danvan.text.LegacyVietnamese;
import vn.danvan.text.VietnameseText;

/**
 * The headers district templates use for each canonical column ("Ngày tổ chức" for {@code
 * held_on}), matched case-, accent- and spacing-insensitively. Read from {@code header_aliases.csv}
 * (columns kind, column, alias; kind {@code *} applies to every kind declaring the column).
 */
public final class HeaderAliases implements Serializable {

  private static final long serialVersionUID = 1L;

  private final Map<String, Map<String, String>> byKind;
  private final Map<String, String> firstAlias;

  private HeaderAliases(Map<String, Map<String, String>> byKind, Map<String, String> firstAlias) {
    this.byKind = byKind;
    this.firstAlias = firstAlias;
  }

  /** Aliases from {@code table}, plus every canonical name as its own alias. */
  public static HeaderAliases from(CsvTable table) {
    Map<String, Map<String, String>> byKind = new HashMap<>();
    Map<String, String> firstAlias = new HashMap<>();
    for (RecordKind kind : RecordKinds.all()) {
      Map<String, String> aliases = new HashMap<>();
      for (String column : kind.columnNames()) {
        aliases.put(VietnameseText.key(column), column);
      }
      for (Map<String, String> row : table.rows()) {
        String scope = row.get("kind");
        String column = row.get("column");
        if (("*".equals(scope) || kind.name().equals(scope)) && kind.column(column).isPresent()) {
          aliases.putIfAbsent(VietnameseText.key(row.get("alias")), column);
          firstAlias.putIfAbsent(kind.name() + "." + column, row.get("alias"));
        }
      }
      byKind.put(kind.name(), aliases);
    }
    return new HeaderAliases(byKind, firstAlias);
  }

  /** The canonical column of {@code kind} that {@code header} names, if any. */
  public Optional<String> canonical(String kind, String header) {
    String repaired = LegacyVietnamese.repair(header);
    return Optional.ofNullable(
        byKind.getOrDefault(kind, Map.of()).get(VietnameseText.key(repaired)));
  }

  /** The column's name with one Vietnamese header that names it, to show in messages. */
  public String example(String kind, String column) {
    String alias = firstAlias.get(kind + "." + column);
    return alias == null ? column : column + " (\"" + alias + "\")";
  }
}
