package vn.danvan.indicators;

import java.io.Serializable;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.stream.Stream;
import org.apache.spark.sql.catalyst.analysis.UnresolvedAttribute;
import org.apache.spark.sql.catalyst.expressions.Expression;
import org.apache.spark.sql.catalyst.parser.CatalystSqlParser$;
import scala.jdk.javaapi.CollectionConverters;
import vn.danvan.errors.DanvanException;
import vn.danvan.text.CsvTable;

/**
 * One row of the indicator catalogue ({@code indicators.csv}): the indicator is this data, not
 * code. Numerator and denominator are Spark SQL aggregate expressions evaluated per commune and
 * period over the records of {@code source}, with the commune's context columns at hand; values up
 * the hierarchy are sums of those numerators and denominators.
 *
 * @param id e.g. {@code SAT_RATE}
 * @param nameVi Vietnamese name
 * @param nameEn English name
 * @param source the records it counts: a record kind, or {@code models_at_end}
 * @param numerator aggregate expression
 * @param denominator aggregate expression, null for a plain total
 * @param factor the value is {@code factor × numerator / denominator}
 * @param unit the value's unit, in Vietnamese: the packs' labels and how their values are written
 * @param unitEn the unit in English packs (column {@code unit_en}; the Vietnamese one when blank)
 * @param higherIsBetter direction
 * @param defaultTarget target when {@code targets.csv} has none, null when none
 * @param interval {@code wilson}, {@code poisson} or {@code none}
 * @param minDenominator below this denominator the value is insufficient (null: the setting)
 */
public record IndicatorDefinition(
    String id,
    String nameVi,
    String nameEn,
    String source,
    String numerator,
    String denominator,
    double factor,
    String unit,
    String unitEn,
    boolean higherIsBetter,
    Double defaultTarget,
    String interval,
    Double minDenominator)
    implements Serializable {

  /** The catalogue in {@code table}, checked for the columns and values it must have. */
  public static List<IndicatorDefinition> catalogue(CsvTable table) {
    List<IndicatorDefinition> result = new ArrayList<>();
    for (int i = 0; i < table.rows().size(); i++) {
      Map<String, String> r = table.rows().get(i);
      String where = table.name() + ", row " + (i + 2);
      String interval = r.getOrDefault("interval", "none");
      if (!List.of("wilson", "poisson", "none").contains(interval == null ? "none" : interval)) {
        throw new DanvanException(where + ": interval must be wilson, poisson or none");
      }
      String direction = r.get("direction");
      if (!"higher".equals(direction) && !"lower".equals(direction)) {
        throw new DanvanException(where + ": direction must be higher or lower");
      }
      result.add(
          new IndicatorDefinition(
              required(r, "id", where),
              required(r, "name_vi", where),
              required(r, "name_en", where),
              required(r, "source", where),
              required(r, "numerator", where),
              r.get("denominator"),
              r.get("factor") == null ? 1.0 : Double.parseDouble(r.get("factor")),
              r.get("unit"),
              r.get("unit_en") == null ? r.get("unit") : r.get("unit_en"),
              "higher".equals(direction),
              r.get("default_target") == null ? null : Double.valueOf(r.get("default_target")),
              interval == null ? "none" : interval,
              r.get("min_denominator") == null ? null : Double.valueOf(r.get("min_denominator"))));
    }
    return result;
  }

  /** True when the value is a ratio. */
  public boolean hasDenominator() {
    return denominator != null;
  }

  /** True when the numerator or the denominator reads one of the {@code columns}. */
  public boolean reads(Set<String> columns) {
    return Stream.of(numerator, denominator)
        .filter(Objects::nonNull)
        .anyMatch(e -> reads(CatalystSqlParser$.MODULE$.parseExpression(e), columns));
  }

  private static boolean reads(Expression expression, Set<String> columns) {
    if (expression instanceof UnresolvedAttribute a
        && columns.contains(a.nameParts().last().toLowerCase(Locale.ROOT))) {
      return true;
    }
    return CollectionConverters.asJava(expression.children()).stream()
        .anyMatch(child -> reads(child, columns));
  }

  private static String required(Map<String, String> row, String column, String where) {
    String value = row.get(column);
    if (value == null) {
      throw new DanvanException(where + ": column " + column + " is required");
    }
    return value;
  }
}
