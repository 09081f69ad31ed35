package vn.danvan.indicators;

import static org.apache.spark.sql.functions.array;
import static org.apache.spark.sql.functions.broadcast;
import static org.apache.spark.sql.functions.col;
import static org.apache.spark.sql.functions.explode;
import static org.apache.spark.sql.functions.expr;
import static org.apache.spark.sql.functions.first;
import static org.apache.spark.sql.functions.lit;
import static org.apache.spark.sql.functions.struct;

import java.sql.Date;
import java.util.ArrayList;
import java.util.List;
import org.apache.spark.sql.Column;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.RowFactory;
import org.apache.spark.sql.SparkSession;
import org.apache.spark.sql.types.DataTypes;
import org.apache.spark.sql.types.StructType;
import vn.danvan.period.Period;
import vn.danvan.period.PeriodCalendar;
import vn.danvan.period.PeriodColumns;
import vn.danvan.period.PeriodScheme;

/**
 * Figures of the reporting indicators (source {@code reporting}): their catalogue expressions
 * evaluated over {@code gold.reporting_rates} per reporting unit and per province, for each
 * submission period and the longer periods that contain it. As reported only: who had to report is
 * a fact of the units as they were.
 */
final class ReportingFigures {

  private static final StructType CONTAINING =
      DataTypes.createStructType(
          List.of(
              DataTypes.createStructField("_cadence_key", DataTypes.StringType, false),
              DataTypes.createStructField(PeriodColumns.PERIOD_TYPE, DataTypes.StringType, false),
              DataTypes.createStructField(PeriodColumns.PERIOD_KEY, DataTypes.StringType, false),
              DataTypes.createStructField(PeriodCalendar.PERIOD_START, DataTypes.DateType, false),
              DataTypes.createStructField(PeriodCalendar.PERIOD_END, DataTypes.DateType, false)));

  private ReportingFigures() {}

  static Dataset<Row> of(
      Dataset<Row> rates,
      List<IndicatorDefinition> definitions,
      List<Period> phases,
      SparkSession spark,
      PeriodScheme scheme) {
    List<Row> containing = new ArrayList<>();
    for (Row r : rates.select("period_key").distinct().collectAsList()) {
      Period cadence = Period.of(r.getString(0));
      for (Period p : cadence.andContaining(phases)) {
        containing.add(
            RowFactory.create(
                cadence.key(),
                p.type().label(),
                p.key(),
                Date.valueOf(p.start(scheme)),
                Date.valueOf(p.end(scheme))));
      }
    }
    Dataset<Row> expanded =
        rates
            .withColumnRenamed(PeriodColumns.PERIOD_KEY, "_cadence_key")
            .drop(PeriodColumns.PERIOD_TYPE, PeriodCalendar.PERIOD_START, PeriodCalendar.PERIOD_END)
            .join(broadcast(spark.createDataFrame(containing, CONTAINING)), "_cadence_key");
    Dataset<Row> units =
        evaluate(
            expanded,
            definitions,
            col("unit_code"),
            col("unit_name"),
            col("unit_level"),
            col("province_code"));
    Dataset<Row> provinces =
        evaluate(expanded, definitions, col("province_code"), null, lit("province"), null);
    return units
        .unionByName(provinces)
        .withColumn(IndicatorEngine.BASIS, lit(IndicatorEngine.AS_REPORTED));
  }

  private static Dataset<Row> evaluate(
      Dataset<Row> expanded,
      List<IndicatorDefinition> definitions,
      Column unit,
      Column name,
      Column level,
      Column parent) {
    List<Column> aggregates = new ArrayList<>();
    List<Column> figures = new ArrayList<>();
    for (int i = 0; i < definitions.size(); i++) {
      IndicatorDefinition d = definitions.get(i);
      aggregates.add(expr(d.numerator()).cast("double").as("_n" + i));
      aggregates.add(
          (d.hasDenominator() ? expr(d.denominator()) : lit(null)).cast("double").as("_d" + i));
      figures.add(
          struct(
              lit(d.id()).as(IndicatorEngine.INDICATOR_ID),
              col("_n" + i).as(IndicatorEngine.NUMERATOR),
              col("_d" + i).as(IndicatorEngine.DENOMINATOR)));
    }
    aggregates.add(first(name == null ? lit(null).cast("string") : name, true).as("_name"));
    aggregates.add(first(level, true).as("_level"));
    aggregates.add(first(parent == null ? unit : parent, true).as("_province"));
    return expanded
        .groupBy(
            unit.as("_unit"),
            col(PeriodColumns.PERIOD_TYPE),
            col(PeriodColumns.PERIOD_KEY),
            col(PeriodCalendar.PERIOD_START),
            col(PeriodCalendar.PERIOD_END))
        .agg(aggregates.get(0), aggregates.subList(1, aggregates.size()).toArray(Column[]::new))
        .withColumn("_figure", explode(array(figures.toArray(Column[]::new))))
        .select(
            col("_figure." + IndicatorEngine.INDICATOR_ID).as(IndicatorEngine.INDICATOR_ID),
            col("_unit").as(IndicatorEngine.UNIT_CODE),
            org.apache
                .spark
                .sql
                .functions
                .coalesce(col("_name"), col("_unit"))
                .as(IndicatorEngine.UNIT_NAME),
            col("_level").as(IndicatorEngine.UNIT_LEVEL),
            (parent == null ? lit(null).cast("string") : col("_province"))
                .as(IndicatorEngine.PARENT_CODE),
            col("_province").as(IndicatorEngine.PROVINCE),
            col(PeriodColumns.PERIOD_TYPE),
            col(PeriodColumns.PERIOD_KEY),
            col(PeriodCalendar.PERIOD_START),
            col(PeriodCalendar.PERIOD_END),
            col("_figure." + IndicatorEngine.NUMERATOR).as(IndicatorEngine.NUMERATOR),
            col("_figure." + IndicatorEngine.DENOMINATOR).as(IndicatorEngine.DENOMINATOR));
  }
}
