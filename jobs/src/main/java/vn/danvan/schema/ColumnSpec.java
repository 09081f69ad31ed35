package vn.danvan.schema;

/**
 * One declared column of a record kind.
 *
 * @param name canonical snake_case name, as in silver
 * @param type what it holds
 * @param requirement {@code yes}, {@code unit} (one of the unit columns is required) or blank
 * @param domain the vocabulary of an {@link ColumnType#ENUM} column
 * @param defaultValue the value a blank cell takes, as landing text; null when none
 */
public record ColumnSpec(
    String name, ColumnType type, String requirement, String domain, String defaultValue)
    implements java.io.Serializable {

  /** True when every row must carry this column. */
  public boolean isRequired() {
    return "yes".equals(requirement);
  }

  /** True when this column names the row's administrative unit. */
  public boolean isUnit() {
    return type == ColumnType.UNIT_CODE || type == ColumnType.UNIT_NAME;
  }
}
