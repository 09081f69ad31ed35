package vn.danvan.indicators;

import java.time.LocalDate;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.RowFactory;
import org.apache.spark.sql.SparkSession;
import org.apache.spark.sql.types.DataTypes;
import org.apache.spark.sql.types.StructType;
import vn.danvan.reference.LineageLink;
import vn.danvan.reference.UnitDirectory;
import vn.danvan.reference.UnitVersion;

/**
 * Maps every commune that ever existed onto the communes valid on one date, through the lineage
 * with its weights: figures restated this way add up to the same province totals.
 */
public final class Restatement {

  public static final String FROM_CODE = "from_code";
  public static final String TO_CODE = "to_code";
  public static final String WEIGHT = "weight";
  public static final String TO_NAME = "to_name";
  public static final String TO_DISTRICT = "to_district_code";
  public static final String TO_PROVINCE = "to_province_code";

  private static final StructType SCHEMA =
      DataTypes.createStructType(
          List.of(
              DataTypes.createStructField(FROM_CODE, DataTypes.StringType, false),
              DataTypes.createStructField(TO_CODE, DataTypes.StringType, false),
              DataTypes.createStructField(WEIGHT, DataTypes.DoubleType, false),
              DataTypes.createStructField(TO_NAME, DataTypes.StringType, false),
              DataTypes.createStructField(TO_DISTRICT, DataTypes.StringType, true),
              DataTypes.createStructField(TO_PROVINCE, DataTypes.StringType, true)));

  private Restatement() {}

  /** The weights of every commune onto the communes valid on {@code on}. */
  public static Map<String, Map<String, Double>> weights(
      UnitDirectory units, List<LineageLink> lineage, LocalDate on) {
    Map<String, List<LineageLink>> next = new HashMap<>();
    for (LineageLink link : lineage) {
      if (!link.effectiveOn().isAfter(on)) {
        next.computeIfAbsent(link.fromCode(), c -> new ArrayList<>()).add(link);
      }
    }
    Map<String, Map<String, Double>> result = new HashMap<>();
    for (UnitVersion u : units.versions()) {
      if (UnitDirectory.COMMUNE.equals(u.level()) && !result.containsKey(u.code())) {
        Map<String, Double> targets = new HashMap<>();
        spread(u.code(), 1.0, units, next, on, targets, 0);
        result.put(u.code(), targets);
      }
    }
    return result;
  }

  private static void spread(
      String code,
      double weight,
      UnitDirectory units,
      Map<String, List<LineageLink>> next,
      LocalDate on,
      Map<String, Double> targets,
      int depth) {
    if (depth > 20) {
      throw new IllegalStateException("unit lineage has a cycle through " + code);
    }
    if (units.on(code, on).isPresent()) {
      targets.merge(code, weight, Double::sum);
      return;
    }
    for (LineageLink link : next.getOrDefault(code, List.of())) {
      spread(link.toCode(), weight * link.weight(), units, next, on, targets, depth + 1);
    }
  }

  /**
   * For each commune merged or split away, the commune that holds most of its territory between two
   * reorganisations ({@code _from}, {@code _since}, {@code _until}, {@code _to}): what a record
   * that still names the old commune belongs to on a later date.
   */
  public static Dataset<Row> successors(
      SparkSession spark, UnitDirectory units, List<LineageLink> lineage) {
    java.util.TreeSet<LocalDate> changes = new java.util.TreeSet<>();
    lineage.forEach(l -> changes.add(l.effectiveOn()));
    List<LocalDate> dates = new ArrayList<>(changes);
    Map<String, LineageLink> main = new HashMap<>();
    for (LineageLink link : lineage) {
      main.merge(link.fromCode(), link, (a, b) -> a.weight() >= b.weight() ? a : b);
    }
    java.util.Set<String> communes = new java.util.TreeSet<>();
    units.versions().stream()
        .filter(u -> UnitDirectory.COMMUNE.equals(u.level()))
        .forEach(u -> communes.add(u.code()));
    List<Row> rows = new ArrayList<>();
    for (String code : communes) {
      for (int i = 0; i < dates.size(); i++) {
        LocalDate since = dates.get(i);
        LocalDate until =
            i + 1 < dates.size() ? dates.get(i + 1).minusDays(1) : LocalDate.of(9999, 12, 31);
        String current = code;
        for (int hop = 0; hop < 20 && units.on(current, since).isEmpty(); hop++) {
          LineageLink link = main.get(current);
          if (link == null || link.effectiveOn().isAfter(since)) {
            break;
          }
          current = link.toCode();
        }
        if (!current.equals(code)) {
          rows.add(
              RowFactory.create(
                  code, java.sql.Date.valueOf(since), java.sql.Date.valueOf(until), current));
        }
      }
    }
    StructType schema =
        DataTypes.createStructType(
            List.of(
                DataTypes.createStructField("_from", DataTypes.StringType, false),
                DataTypes.createStructField("_since", DataTypes.DateType, false),
                DataTypes.createStructField("_until", DataTypes.DateType, false),
                DataTypes.createStructField("_to", DataTypes.StringType, false)));
    return spark.createDataFrame(rows, schema);
  }

  /**
   * The weights as a frame, with each target commune's name, district and province on {@code on}.
   */
  public static Dataset<Row> frame(
      SparkSession spark, UnitDirectory units, List<LineageLink> lineage, LocalDate on) {
    return spark.createDataFrame(rows(units, lineage, on), SCHEMA);
  }

  /** The rows of {@link #frame}, in no particular order. */
  public static List<Row> rows(UnitDirectory units, List<LineageLink> lineage, LocalDate on) {
    List<Row> rows = new ArrayList<>();
    weights(units, lineage, on)
        .forEach(
            (from, targets) ->
                targets.forEach(
                    (to, weight) ->
                        rows.add(
                            RowFactory.create(
                                from,
                                to,
                                weight,
                                units.on(to, on).map(UnitVersion::name).orElse(to),
                                units
                                    .ancestor(to, "district", on)
                                    .map(UnitVersion::code)
                                    .orElse(null),
                                units
                                    .ancestor(to, "province", on)
                                    .map(UnitVersion::code)
                                    .orElse(null)))));
    return rows;
  }
}
