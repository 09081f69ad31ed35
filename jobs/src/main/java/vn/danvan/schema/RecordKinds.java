package vn.danvan.schema;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import vn.danvan.text.CsvTable;

/** The record kinds the product knows, read once from the declarations shipped in the jar. */
public final class RecordKinds {

  private static final List<RecordKind> ALL = load();

  private RecordKinds() {}

  /** Every kind, in refine order. */
  public static List<RecordKind> all() {
    return ALL;
  }

  /** The kind called {@code name}, if there is one. */
  public static Optional<RecordKind> find(String name) {
    return ALL.stream().filter(k -> k.name().equals(name)).findFirst();
  }

  /** The kind called {@code name}; fails when there is none. */
  public static RecordKind of(String name) {
    return find(name)
        .orElseThrow(
            () ->
                new IllegalArgumentException(
                    "Unknown record kind '" + name + "'; known: " + names()));
  }

  /** Names of every kind, in refine order. */
  public static List<String> names() {
    return ALL.stream().map(RecordKind::name).toList();
  }

  private static List<RecordKind> load() {
    CsvTable kinds = CsvTable.resource(RecordKinds.class, "kinds.csv");
    CsvTable columns = CsvTable.resource(RecordKinds.class, "columns.csv");
    List<RecordKind> result = new ArrayList<>();
    for (Map<String, String> k : kinds.rows()) {
      String name = k.get("kind");
      List<ColumnSpec> specs =
          columns.rows().stream()
              .filter(c -> name.equals(c.get("kind")))
              .map(RecordKinds::column)
              .toList();
      result.add(
          new RecordKind(
              name,
              Arrays.asList(k.get("date_column").split("\\|")),
              k.get("period_rule"),
              k.get("unit_source"),
              Integer.parseInt(k.get("refine_order")),
              k.get("lifecycle"),
              k.get("cadence"),
              k.get("deadline"),
              specs));
    }
    result.sort(Comparator.comparingInt(RecordKind::refineOrder));
    return List.copyOf(result);
  }

  private static ColumnSpec column(Map<String, String> c) {
    return new ColumnSpec(
        c.get("column"),
        ColumnType.valueOf(c.get("type").toUpperCase(Locale.ROOT)),
        c.get("required") == null ? "" : c.get("required"),
        c.get("domain"),
        c.get("default"));
  }
}
