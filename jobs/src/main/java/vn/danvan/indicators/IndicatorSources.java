package vn.danvan.indicators;

import static org.apache.spark.sql.functions.broadcast;
import static org.apache.spark.sql.functions.col;
import static org.apache.spark.sql.functions.lead;
import static org.apache.spark.sql.functions.lit;

import java.time.LocalDate;
import java.util.List;
import java.util.Set;
import org.apache.spark.sql.Column;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.expressions.Window;
import vn.danvan.errors.DanvanException;
import vn.danvan.period.Period;
import vn.danvan.period.PeriodCalendar;
import vn.danvan.period.PeriodColumns;
import vn.danvan.period.PeriodScheme;
import vn.danvan.schema.Lineage;
import vn.danvan.schema.RecordKind;
import vn.danvan.schema.RecordKinds;
import vn.danvan.schema.TableSchemas;

/**
 * The records an indicator's source names, placed in communes and periods: a record kind's silver
 * rows by their date (with whether their commune lay in the ethnic-minority area that day, and
 * their deadline when the kind has one), or {@code models_at_end}: every model in the state it was
 * in at the end of each period.
 */
public final class IndicatorSources {

  /** The source of states at a period's end, for kinds with a life cycle. */
  public static final String MODELS_AT_END = "models_at_end";

  /** The source of reporting rates. */
  public static final String REPORTING = "reporting";

  /**
   * The record columns whose value depends on the run's date ({@link #withDeadline}): figures read
   * from them change as days pass, with no record changing.
   */
  public static final Set<String> AS_OF_COLUMNS = Set.of("is_due");

  private IndicatorSources() {}

  /** True for a source of states at a period's end: a state holds after the last record too. */
  public static boolean holdsAfterLast(String source) {
    return MODELS_AT_END.equals(source);
  }

  /** The record kind a source reads. */
  public static RecordKind kindOf(String source) {
    String kind = MODELS_AT_END.equals(source) ? "models" : source;
    return RecordKinds.find(kind)
        .orElseThrow(
            () ->
                new DanvanException(
                    "indicators.csv names source '"
                        + source
                        + "'; known sources: "
                        + String.join(", ", RecordKinds.names())
                        + ", "
                        + MODELS_AT_END
                        + ", "
                        + REPORTING));
  }

  /** What placing records needs besides the records themselves. */
  public record Context(
      Dataset<Row> communeVersions,
      Dataset<Row> periods,
      PeriodScheme scheme,
      List<Period> phases,
      Dataset<Row> successors,
      Dataset<Row> workingDays,
      int deadlineDays,
      LocalDate asOf) {}

  /**
   * The records of {@code source} from {@code silver} (the kind's silver table as read), each once
   * per period it falls in (for {@code models_at_end}: once per period it existed by the end of).
   */
  public static Dataset<Row> records(String source, Dataset<Row> silver, Context context) {
    RecordKind kind = kindOf(source);
    Dataset<Row> placed =
        silver
            .filter(col(TableSchemas.RECORD_DATE).isNotNull())
            .filter(col(TableSchemas.COMMUNE_CODE).isNotNull())
            .drop(
                Lineage.PERIOD_KEY,
                TableSchemas.COMMUNE_NAME,
                TableSchemas.DISTRICT_CODE,
                TableSchemas.PROVINCE_CODE);
    if (kind.deadline() != null) {
      placed = withDeadline(placed, kind, context);
    }
    if (MODELS_AT_END.equals(source)) {
      return statesAtEnd(placed, kind, context);
    }
    Dataset<Row> withArea = UnitGrid.withEmArea(placed, context.communeVersions());
    return PeriodColumns.withPeriods(
        withArea, TableSchemas.RECORD_DATE, context.scheme(), context.phases());
  }

  /**
   * Adds {@code deadline_on} (N working days after the deadline's start), {@code is_settled},
   * {@code is_on_time} (settled by the deadline) and {@code is_due} (settled, or open past its
   * deadline on the as-of date: open records not yet due count neither way).
   */
  static Dataset<Row> withDeadline(Dataset<Row> records, RecordKind kind, Context context) {
    Dataset<Row> start =
        context
            .workingDays()
            .select(col("day").as("_start_day"), col("workday_index").as("_start_index"));
    Dataset<Row> due =
        context
            .workingDays()
            .filter(col("is_working_day"))
            .select(col("day").as("deadline_on"), col("workday_index").as("_due_index"));
    Column settled = col(kind.deadlineSettledBy());
    return records
        .join(broadcast(start), col(kind.deadlineFrom()).equalTo(col("_start_day")), "left")
        .join(
            broadcast(due),
            col("_start_index").plus(lit(context.deadlineDays())).equalTo(col("_due_index")),
            "left")
        .withColumn("is_settled", settled.isNotNull())
        .withColumn("is_on_time", settled.isNotNull().and(settled.leq(col("deadline_on"))))
        .withColumn(
            "is_due",
            settled
                .isNotNull()
                .or(col("deadline_on").lt(lit(java.sql.Date.valueOf(context.asOf())))))
        .drop("_start_day", "_start_index", "_due_index");
  }

  /**
   * Each record (by id) in its latest state dated no later than the end of each period, placed in
   * the commune that held it then: a record whose commune was merged away counts in the commune
   * that took it over.
   */
  static Dataset<Row> statesAtEnd(Dataset<Row> records, RecordKind kind, Context context) {
    // Each state holds from its date until the record's next state: the state at a period's end
    // is the one whose span covers the end (a range join, no sort of records × periods).
    Dataset<Row> spans =
        records.withColumn(
            "_next",
            lead(col(TableSchemas.RECORD_DATE), 1)
                .over(
                    Window.partitionBy(col("record_id"))
                        .orderBy(col(TableSchemas.RECORD_DATE), col(Lineage.SOURCE_FILE))));
    Dataset<Row> known =
        spans
            .join(
                broadcast(context.periods()),
                col(TableSchemas.RECORD_DATE)
                    .leq(col(PeriodCalendar.PERIOD_END))
                    .and(col("_next").isNull().or(col("_next").gt(col(PeriodCalendar.PERIOD_END)))))
            .drop("_next");
    Dataset<Row> moved =
        known
            .join(
                broadcast(context.successors()),
                col(TableSchemas.COMMUNE_CODE)
                    .equalTo(col("_from"))
                    .and(col(PeriodCalendar.PERIOD_END).between(col("_since"), col("_until"))),
                "left")
            .withColumn(
                TableSchemas.COMMUNE_CODE,
                org.apache.spark.sql.functions.coalesce(col("_to"), col(TableSchemas.COMMUNE_CODE)))
            .drop("_from", "_to", "_since", "_until");
    // A state counts as in the ethnic-minority area if its commune was on the period's last day.
    return UnitGrid.withEmArea(
            moved
                .withColumn("_state_date", col(TableSchemas.RECORD_DATE))
                .withColumn(TableSchemas.RECORD_DATE, col(PeriodCalendar.PERIOD_END)),
            context.communeVersions())
        .withColumn(TableSchemas.RECORD_DATE, col("_state_date"))
        .drop("_state_date", PeriodCalendar.PERIOD_START, PeriodCalendar.PERIOD_END);
  }
}
