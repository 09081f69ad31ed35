package vn.danvan.indicators;

import static org.apache.spark.sql.functions.array;
import static org.apache.spark.sql.functions.broadcast;
import static org.apache.spark.sql.functions.coalesce;
import static org.apache.spark.sql.functions.col;
import static org.apache.spark.sql.functions.explode;
import static org.apache.spark.sql.functions.expr;
import static org.apache.spark.sql.functions.lit;
import static org.apache.spark.sql.functions.min;
import static org.apache.spark.sql.functions.round;
import static org.apache.spark.sql.functions.struct;
import static org.apache.spark.sql.functions.sum;
import static org.apache.spark.sql.functions.when;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import org.apache.spark.sql.Column;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import vn.danvan.period.PeriodCalendar;
import vn.danvan.period.PeriodColumns;
import vn.danvan.schema.TableSchemas;
import vn.danvan.warehouse.SparkSessions;

/**
 * Computes indicator figures from the catalogue: numerators and denominators per commune and
 * period, summed up the hierarchy on both bases. Values are always ratios of sums, never averages
 * of rates; a figure nothing was measured for (a null numerator) is left out.
 */
public final class IndicatorEngine {

  public static final String AS_REPORTED = "as_reported";
  public static final String RESTATED = "restated";

  public static final String INDICATOR_ID = "indicator_id";
  public static final String BASIS = "basis";
  public static final String UNIT_CODE = "unit_code";
  public static final String UNIT_NAME = "unit_name";
  public static final String UNIT_LEVEL = "unit_level";
  public static final String PARENT_CODE = "parent_code";
  public static final String PROVINCE = "province_code";
  public static final String NUMERATOR = "numerator";
  public static final String DENOMINATOR = "denominator";

  /** The columns of a period, in table order. */
  public static final List<String> PERIOD =
      List.of(
          PeriodColumns.PERIOD_TYPE,
          PeriodColumns.PERIOD_KEY,
          PeriodCalendar.PERIOD_START,
          PeriodCalendar.PERIOD_END);

  private IndicatorEngine() {}

  /**
   * Numerator and denominator of each of {@code definitions} for every commune and period of {@code
   * grid}, evaluated over the {@code records} placed in that commune and period (records carry
   * {@code commune_code}, {@code period_type} and {@code period_key}).
   */
  public static Dataset<Row> communeFigures(
      Dataset<Row> grid, Dataset<Row> records, List<IndicatorDefinition> definitions) {
    List<String> gridColumns = Arrays.asList(grid.columns());
    List<String> keys =
        List.of(TableSchemas.COMMUNE_CODE, PeriodColumns.PERIOD_TYPE, PeriodColumns.PERIOD_KEY);
    Column[] recordColumns =
        Arrays.stream(records.columns())
            .filter(c -> keys.contains(c) || !gridColumns.contains(c))
            .map(c -> col("`" + c + "`"))
            .toArray(Column[]::new);
    Dataset<Row> joined = grid.join(records.select(recordColumns), SparkSessions.seq(keys), "left");
    List<Column> aggregates = new ArrayList<>();
    List<Column> figures = new ArrayList<>();
    for (int i = 0; i < definitions.size(); i++) {
      IndicatorDefinition d = definitions.get(i);
      aggregates.add(expr(d.numerator()).cast("double").as("_n" + i));
      aggregates.add(
          (d.hasDenominator() ? expr(d.denominator()) : lit(null)).cast("double").as("_d" + i));
      figures.add(
          struct(
              lit(d.id()).as(INDICATOR_ID),
              col("_n" + i).as(NUMERATOR),
              col("_d" + i).as(DENOMINATOR)));
    }
    Column[] groupBy = gridColumns.stream().map(c -> col("`" + c + "`")).toArray(Column[]::new);
    return joined
        .groupBy(groupBy)
        .agg(aggregates.get(0), aggregates.subList(1, aggregates.size()).toArray(Column[]::new))
        .withColumn("_figure", explode(array(figures.toArray(Column[]::new))))
        .filter(col("_figure." + NUMERATOR).isNotNull())
        .select(
            col("_figure." + INDICATOR_ID).as(INDICATOR_ID),
            col(TableSchemas.COMMUNE_CODE),
            col(TableSchemas.COMMUNE_NAME),
            col(TableSchemas.DISTRICT_CODE),
            col(TableSchemas.PROVINCE_CODE),
            col(PeriodColumns.PERIOD_TYPE),
            col(PeriodColumns.PERIOD_KEY),
            col(PeriodCalendar.PERIOD_START),
            col(PeriodCalendar.PERIOD_END),
            col("_figure." + NUMERATOR).as(NUMERATOR),
            col("_figure." + DENOMINATOR).as(DENOMINATOR));
  }

  /**
   * Figures of communes, districts and the province as the units were: each commune's figures go to
   * the district and province it belonged to in the period.
   */
  public static Dataset<Row> asReported(Dataset<Row> communeFigures, Dataset<Row> unitNames) {
    return levels(communeFigures, communeFigures, unitNames).withColumn(BASIS, lit(AS_REPORTED));
  }

  /**
   * Commune rows from {@code communeFigures}; district and province rows summed from {@code
   * shares}, the rows the commune figures are sums of (the commune figures themselves, or the
   * shares restatement hands out: summed up once, not first per commune and then again).
   */
  private static Dataset<Row> levels(
      Dataset<Row> communeFigures, Dataset<Row> shares, Dataset<Row> unitNames) {
    Dataset<Row> communes =
        communeFigures.select(
            figureColumns(
                col(TableSchemas.COMMUNE_CODE),
                col(TableSchemas.COMMUNE_NAME),
                lit("commune"),
                coalesce(col(TableSchemas.DISTRICT_CODE), col(TableSchemas.PROVINCE_CODE)),
                col(TableSchemas.PROVINCE_CODE)));
    return communes.unionByName(rollUp(shares, unitNames));
  }

  /**
   * Figures restated onto the units valid on one date: each commune's figures are shared among the
   * communes that took over its territory, by the lineage weights, then summed up today's
   * hierarchy.
   */
  public static Dataset<Row> restated(
      Dataset<Row> communeFigures, Dataset<Row> restatement, Dataset<Row> unitNames) {
    Dataset<Row> mapped =
        communeFigures
            .join(
                broadcast(restatement),
                col(TableSchemas.COMMUNE_CODE).equalTo(col(Restatement.FROM_CODE)))
            .select(
                col(INDICATOR_ID),
                col(Restatement.TO_CODE).as(TableSchemas.COMMUNE_CODE),
                col(Restatement.TO_NAME).as(TableSchemas.COMMUNE_NAME),
                col(Restatement.TO_DISTRICT).as(TableSchemas.DISTRICT_CODE),
                col(Restatement.TO_PROVINCE).as(TableSchemas.PROVINCE_CODE),
                col(PeriodColumns.PERIOD_TYPE),
                col(PeriodColumns.PERIOD_KEY),
                col(PeriodCalendar.PERIOD_START),
                col(PeriodCalendar.PERIOD_END),
                col(NUMERATOR).multiply(col(Restatement.WEIGHT)).as(NUMERATOR),
                col(DENOMINATOR).multiply(col(Restatement.WEIGHT)).as(DENOMINATOR));
    Dataset<Row> communes =
        mapped
            .groupBy(
                groupColumns(
                    List.of(
                        INDICATOR_ID,
                        TableSchemas.COMMUNE_CODE,
                        TableSchemas.COMMUNE_NAME,
                        TableSchemas.DISTRICT_CODE,
                        TableSchemas.PROVINCE_CODE)))
            .agg(sum(NUMERATOR).as(NUMERATOR), sum(DENOMINATOR).as(DENOMINATOR));
    return levels(communes, mapped, unitNames).withColumn(BASIS, lit(RESTATED));
  }

  /**
   * District and province rows summed from {@code shares} in one pass: each share counts in its
   * district, when it has one, and in its province. Summed by unit and the province above it in a
   * hash map (no sort), then once more by unit: a district whose shares name two provinces in one
   * period is summed whole, under the first of them by code.
   */
  private static Dataset<Row> rollUp(Dataset<Row> shares, Dataset<Row> unitNames) {
    Column inDistrict =
        struct(
            lit("district").as(UNIT_LEVEL),
            col(TableSchemas.DISTRICT_CODE).as(UNIT_CODE),
            col(TableSchemas.PROVINCE_CODE).as(PARENT_CODE));
    Column inProvince =
        struct(
            lit("province").as(UNIT_LEVEL),
            col(TableSchemas.PROVINCE_CODE).as(UNIT_CODE),
            lit(null).cast("string").as(PARENT_CODE));
    List<Column> figure = new ArrayList<>(List.of(col(INDICATOR_ID)));
    PERIOD.forEach(c -> figure.add(col(c)));
    figure.addAll(List.of(col(NUMERATOR), col(DENOMINATOR)));
    List<Column> placed = new ArrayList<>(figure);
    placed.add(explode(array(inDistrict, inProvince)).as("_in"));
    List<Column> unit = new ArrayList<>(figure);
    for (String c : List.of(UNIT_LEVEL, UNIT_CODE, PARENT_CODE)) {
      unit.add(col("_in." + c).as(c));
    }
    Dataset<Row> byParent =
        shares
            .select(placed.toArray(Column[]::new))
            .filter(col("_in." + UNIT_CODE).isNotNull())
            .select(unit.toArray(Column[]::new))
            .groupBy(groupColumns(List.of(INDICATOR_ID, UNIT_LEVEL, UNIT_CODE, PARENT_CODE)))
            .agg(sum(NUMERATOR).as(NUMERATOR), sum(DENOMINATOR).as(DENOMINATOR));
    Dataset<Row> sums =
        byParent
            .groupBy(groupColumns(List.of(INDICATOR_ID, UNIT_LEVEL, UNIT_CODE)))
            .agg(
                sum(NUMERATOR).as(NUMERATOR),
                sum(DENOMINATOR).as(DENOMINATOR),
                min(PARENT_CODE).as(PARENT_CODE));
    Column province =
        when(col(UNIT_LEVEL).equalTo("province"), col(UNIT_CODE)).otherwise(col(PARENT_CODE));
    return sums.join(broadcast(unitNames), col(UNIT_CODE).equalTo(col("_name_code")), "left")
        .select(
            figureColumns(
                col(UNIT_CODE),
                coalesce(col("_name"), col(UNIT_CODE)),
                col(UNIT_LEVEL),
                col(PARENT_CODE),
                province));
  }

  private static Column[] groupColumns(List<String> leading) {
    List<Column> columns = new ArrayList<>();
    leading.forEach(c -> columns.add(col(c)));
    PERIOD.forEach(c -> columns.add(col(c)));
    return columns.toArray(Column[]::new);
  }

  private static Column[] figureColumns(
      Column unit, Column name, Column level, Column parent, Column province) {
    List<Column> columns = new ArrayList<>();
    columns.add(col(INDICATOR_ID));
    columns.add(unit.as(UNIT_CODE));
    columns.add(name.as(UNIT_NAME));
    columns.add(level.as(UNIT_LEVEL));
    columns.add(parent.as(PARENT_CODE));
    columns.add(province.as(PROVINCE));
    PERIOD.forEach(c -> columns.add(col(c)));
    columns.add(col(NUMERATOR));
    columns.add(col(DENOMINATOR));
    return columns.toArray(Column[]::new);
  }

  /** Rounds away the dust that weighted sums leave on whole counts. */
  static Column tidy(Column c) {
    return when(c.isNull(), c).otherwise(round(c, 9));
  }
}
