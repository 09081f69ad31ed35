package vn.danvan.indicators;

import static org.apache.spark.sql.functions.broadcast;
import static org.apache.spark.sql.functions.col;
import static org.apache.spark.sql.functions.datediff;
import static org.apache.spark.sql.functions.first;
import static org.apache.spark.sql.functions.greatest;
import static org.apache.spark.sql.functions.least;
import static org.apache.spark.sql.functions.lit;
import static org.apache.spark.sql.functions.max_by;
import static org.apache.spark.sql.functions.struct;
import static org.apache.spark.sql.functions.sum;
import static org.apache.spark.sql.functions.when;

import java.sql.Date;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.RowFactory;
import org.apache.spark.sql.SparkSession;
import org.apache.spark.sql.types.DataTypes;
import org.apache.spark.sql.types.StructType;
import vn.danvan.period.PeriodCalendar;
import vn.danvan.period.PeriodColumns;
import vn.danvan.reference.UnitDirectory;
import vn.danvan.reference.UnitVersion;
import vn.danvan.schema.TableSchemas;

/**
 * Every commune × period in which the commune existed, with its context: the district and province
 * it belonged to, the share of the period it existed and lay in the ethnic-minority area, and its
 * population. Indicators are evaluated on this grid so that communes without records count too.
 */
public final class UnitGrid {

  public static final String VALID_FROM = "valid_from";
  public static final String VALID_TO = "valid_to";
  public static final String IS_EM_AREA = "is_em_area";
  public static final String EXISTS_SHARE = "exists_share";
  public static final String EM_AREA_SHARE = "em_area_share";
  public static final String POPULATION = "population";
  public static final String EM_POPULATION = "em_population";

  // Open-ended validity, as a date Spark can compare.
  private static final LocalDate OPEN = LocalDate.of(9999, 12, 31);

  private static final StructType VERSIONS =
      DataTypes.createStructType(
          List.of(
              DataTypes.createStructField(TableSchemas.COMMUNE_CODE, DataTypes.StringType, false),
              DataTypes.createStructField(TableSchemas.COMMUNE_NAME, DataTypes.StringType, false),
              DataTypes.createStructField(TableSchemas.DISTRICT_CODE, DataTypes.StringType, true),
              DataTypes.createStructField(TableSchemas.PROVINCE_CODE, DataTypes.StringType, true),
              DataTypes.createStructField(VALID_FROM, DataTypes.DateType, false),
              DataTypes.createStructField(VALID_TO, DataTypes.DateType, false),
              DataTypes.createStructField(IS_EM_AREA, DataTypes.BooleanType, false),
              DataTypes.createStructField(POPULATION, DataTypes.LongType, true),
              DataTypes.createStructField(EM_POPULATION, DataTypes.LongType, true)));

  private UnitGrid() {}

  /**
   * Every state of every commune with the district and province it then belonged to: a state is cut
   * on the days those may change though the commune's own row does not (its district moved to
   * another province).
   */
  public static Dataset<Row> communeVersions(SparkSession spark, UnitDirectory units) {
    List<Row> rows = new ArrayList<>();
    for (UnitVersion u : units.versions()) {
      if (!UnitDirectory.COMMUNE.equals(u.level())) {
        continue;
      }
      List<LocalDate> starts = new ArrayList<>(List.of(u.validFrom()));
      starts.addAll(units.ancestryChanges(u));
      for (int i = 0; i < starts.size(); i++) {
        LocalDate on = starts.get(i);
        LocalDate until = i + 1 < starts.size() ? starts.get(i + 1).minusDays(1) : u.validTo();
        rows.add(
            RowFactory.create(
                u.code(),
                u.name(),
                units.ancestor(u.code(), "district", on).map(UnitVersion::code).orElse(null),
                units.ancestor(u.code(), "province", on).map(UnitVersion::code).orElse(null),
                Date.valueOf(on),
                Date.valueOf(until.isAfter(OPEN) ? OPEN : until),
                u.isEthnicMinorityArea(),
                u.population(),
                u.emPopulation()));
      }
    }
    return spark.createDataFrame(rows, VERSIONS);
  }

  /**
   * The commune × period grid: one row per commune and period it existed in (for part of it at
   * least), its context taken from its latest state in the period.
   */
  public static Dataset<Row> grid(Dataset<Row> communeVersions, Dataset<Row> periods) {
    Dataset<Row> overlaps =
        communeVersions
            .crossJoin(broadcast(periods))
            .withColumn("_from", greatest(col(VALID_FROM), col(PeriodCalendar.PERIOD_START)))
            .withColumn("_to", least(col(VALID_TO), col(PeriodCalendar.PERIOD_END)))
            .filter(col("_from").leq(col("_to")))
            .withColumn("_days", datediff(col("_to"), col("_from")).plus(1))
            .withColumn(
                "_period_days",
                datediff(col(PeriodCalendar.PERIOD_END), col(PeriodCalendar.PERIOD_START)).plus(1));
    return overlaps
        .groupBy(
            col(TableSchemas.COMMUNE_CODE),
            col(PeriodColumns.PERIOD_TYPE),
            col(PeriodColumns.PERIOD_KEY),
            col(PeriodCalendar.PERIOD_START),
            col(PeriodCalendar.PERIOD_END))
        .agg(
            max_by(
                    struct(
                        col(TableSchemas.COMMUNE_NAME),
                        col(TableSchemas.DISTRICT_CODE),
                        col(TableSchemas.PROVINCE_CODE),
                        col(POPULATION),
                        col(EM_POPULATION)),
                    col(VALID_FROM))
                .as("_latest"),
            sum(col("_days")).divide(first(col("_period_days"))).as(EXISTS_SHARE),
            sum(when(col(IS_EM_AREA), col("_days")).otherwise(lit(0)))
                .divide(first(col("_period_days")))
                .as(EM_AREA_SHARE))
        .select(
            col(TableSchemas.COMMUNE_CODE),
            col(PeriodColumns.PERIOD_TYPE),
            col(PeriodColumns.PERIOD_KEY),
            col(PeriodCalendar.PERIOD_START),
            col(PeriodCalendar.PERIOD_END),
            col("_latest." + TableSchemas.COMMUNE_NAME).as(TableSchemas.COMMUNE_NAME),
            col("_latest." + TableSchemas.DISTRICT_CODE).as(TableSchemas.DISTRICT_CODE),
            col("_latest." + TableSchemas.PROVINCE_CODE).as(TableSchemas.PROVINCE_CODE),
            col(EXISTS_SHARE),
            col(EM_AREA_SHARE),
            col("_latest." + POPULATION).as(POPULATION),
            col("_latest." + EM_POPULATION).as(EM_POPULATION));
  }

  /** Each record with whether its commune lay in the ethnic-minority area on the record's date. */
  public static Dataset<Row> withEmArea(Dataset<Row> records, Dataset<Row> communeVersions) {
    Dataset<Row> states =
        communeVersions.select(
            col(TableSchemas.COMMUNE_CODE).as("_c"),
            col(VALID_FROM).as("_from"),
            col(VALID_TO).as("_to"),
            col(IS_EM_AREA).as("in_em_area"));
    return records
        .join(
            broadcast(states),
            col(TableSchemas.COMMUNE_CODE)
                .equalTo(col("_c"))
                .and(col(TableSchemas.RECORD_DATE).between(col("_from"), col("_to"))),
            "left")
        .drop("_c", "_from", "_to");
  }
}
