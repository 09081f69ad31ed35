package vn.danvan.refine;

import static org.apache.spark.sql.functions.array_join;
import static org.apache.spark.sql.functions.array_sort;
import static org.apache.spark.sql.functions.coalesce;
import static org.apache.spark.sql.functions.col;
import static org.apache.spark.sql.functions.collect_list;
import static org.apache.spark.sql.functions.concat;
import static org.apache.spark.sql.functions.count;
import static org.apache.spark.sql.functions.element_at;
import static org.apache.spark.sql.functions.expr;
import static org.apache.spark.sql.functions.lit;
import static org.apache.spark.sql.functions.row_number;
import static org.apache.spark.sql.functions.size;
import static org.apache.spark.sql.functions.struct;
import static org.apache.spark.sql.functions.transform;
import static org.apache.spark.sql.functions.udf;
import static org.apache.spark.sql.functions.when;

import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.apache.spark.sql.Column;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.api.java.UDF1;
import org.apache.spark.sql.catalyst.encoders.ExpressionEncoder;
import org.apache.spark.sql.expressions.UserDefinedFunction;
import org.apache.spark.sql.expressions.Window;
import org.apache.spark.sql.functions;
import org.apache.spark.sql.types.DataTypes;
import org.apache.spark.sql.types.StructField;
import vn.danvan.errors.Reasons;
import vn.danvan.schema.Lineage;
import vn.danvan.schema.RecordKind;
import vn.danvan.schema.TableSchemas;
import vn.danvan.text.CsvTable;

/**
 * The refine transformations, each {@code Dataset<Row> → Dataset<Row>}: typed reading and row
 * checks, the kind's declared rules, checks across rows, and the split into silver rows and
 * quarantine rows. Every row keeps the list of checks it failed until the split.
 */
public final class Refinement {

  private static final CsvTable RULES = CsvTable.resource(Refinement.class, "rules.csv");
  private static final Column ERRORS = col(TableSchemas.ERRORS);
  // Placeholders that cannot occur in a message, replaced by column values.
  private static final String VALUE = "\u0001";
  private static final String DETAIL = "\u0002";
  // The dialogues' columns a petition's placement reads, and their prefix once joined.
  private static final List<String> PLACEMENT =
      List.of(
          Lineage.REPORTING_UNIT,
          "record_id",
          "held_on",
          TableSchemas.COMMUNE_CODE,
          TableSchemas.COMMUNE_NAME,
          TableSchemas.DISTRICT_CODE,
          TableSchemas.PROVINCE_CODE);
  private static final String DIALOGUE = "_d_";

  private Refinement() {}

  /** Reads every bronze row into its typed form with the row-level checks it failed. */
  public static Dataset<Row> withRowChecks(Dataset<Row> bronze, RowRefiner refiner) {
    return bronze.map(
        (org.apache.spark.api.java.function.MapFunction<Row, Row>) refiner::refine,
        ExpressionEncoder.apply(refiner.outputSchema()));
  }

  /** Adds the failures of the kind's declared rules ({@code rules.csv}), evaluated natively. */
  public static Dataset<Row> withRules(Dataset<Row> refining, RecordKind kind, LocalDate today) {
    Dataset<Row> result = refining;
    for (Map<String, String> rule : RULES.rows()) {
      if (!kind.name().equals(rule.get("kind"))) {
        continue;
      }
      Column holds = expr(rule.get("condition").replace("${today}", today.toString()));
      Column failure =
          struct(
              lit(rule.get("code")).as("code"),
              lit(rule.get("column")).as("column"),
              lit(rule.get("message_vi")).as("reason_vi"),
              lit(rule.get("message_en")).as("reason_en"));
      result = result.withColumn(TableSchemas.ERRORS, appendWhen(holds.equalTo(false), failure));
    }
    return result;
  }

  /**
   * The record ids repeated in their submission, with how many rows carry each and which: read from
   * a few columns of the bronze rows, each id as refine reads it, so that finding them neither
   * refines the rows a second time nor moves them.
   */
  public static Dataset<Row> repeatedIds(Dataset<Row> bronze) {
    UserDefinedFunction cellText =
        udf((UDF1<String, String>) RowRefiner::cellText, DataTypes.StringType);
    return bronze
        .select(
            col(Lineage.SUBMISSION_ID).as("_dup_submission"),
            cellText.apply(col("record_id")).as("_dup_id"),
            col(Lineage.SOURCE_ROW))
        .filter(col("_dup_id").isNotNull())
        .groupBy("_dup_submission", "_dup_id")
        .agg(
            count(lit(1)).as("_dup_count"),
            array_join(array_sort(collect_list(col(Lineage.SOURCE_ROW))), ", ").as("_dup_rows"))
        .filter(col("_dup_count").gt(1));
  }

  /** Fails every row whose record id is among the {@code repeated} ones ({@link #repeatedIds}). */
  public static Dataset<Row> withDuplicateIds(Dataset<Row> refining, Dataset<Row> repeated) {
    Reasons reasons = Reasons.catalogue();
    Column rows = col("_dup_rows");
    Column failure =
        struct(
            lit("DUPLICATE_RECORD_ID").as("code"),
            lit("record_id").as("column"),
            messageOf(
                    reasons.vietnamese("DUPLICATE_RECORD_ID", "record_id", VALUE, DETAIL),
                    col("record_id"),
                    rows)
                .as("reason_vi"),
            messageOf(
                    reasons.english("DUPLICATE_RECORD_ID", "record_id", VALUE, DETAIL),
                    col("record_id"),
                    rows)
                .as("reason_en"));
    return refining
        .join(
            repeated,
            col(Lineage.SUBMISSION_ID)
                .equalTo(col("_dup_submission"))
                .and(col("record_id").equalTo(col("_dup_id"))),
            "left")
        .withColumn(TableSchemas.ERRORS, appendWhen(col("_dup_count").isNotNull(), failure))
        .drop("_dup_submission", "_dup_id", "_dup_count", "_dup_rows");
  }

  /**
   * What a petition's placement reads of the dialogues ({@link #withDialogueUnits}): petitions
   * placed through a unit's dialogues are placed alike while these columns of its dialogues are.
   */
  public static Dataset<Row> placement(Dataset<Row> dialogues) {
    return dialogues.select(PLACEMENT.stream().map(functions::col).toArray(Column[]::new));
  }

  /**
   * Places each petition in the commune of the dialogue it refers to (the latest one of the same
   * reporting unit held on or before it was raised) and fails those whose dialogue is not in
   * silver.
   */
  public static Dataset<Row> withDialogueUnits(Dataset<Row> petitions, Dataset<Row> dialogues) {
    Dataset<Row> candidates =
        dialogues.select(
            PLACEMENT.stream().map(c -> col(c).as(DIALOGUE + c)).toArray(Column[]::new));
    Column matches =
        col(Lineage.REPORTING_UNIT)
            .equalTo(dialogue(Lineage.REPORTING_UNIT))
            .and(col("dialogue_id").equalTo(dialogue("record_id")))
            .and(dialogue("held_on").leq(coalesce(col("raised_on"), dialogue("held_on"))));
    // Sorted and merged, never broadcast: silver.dialogues is small on disk but not in memory (a
    // nation's 1.35 M dialogues, estimated under the broadcast threshold, did not fit a 3 GiB
    // driver).
    Dataset<Row> joined =
        petitions
            .join(candidates.hint("merge"), matches, "left")
            // The join's keys lead the window's: its rows stay where the join put them.
            .withColumn(
                "_rank",
                row_number()
                    .over(
                        Window.partitionBy(
                                col(Lineage.REPORTING_UNIT),
                                col("dialogue_id"),
                                col(Lineage.SUBMISSION_ID),
                                col(Lineage.SOURCE_ROW))
                            .orderBy(dialogue("held_on").desc_nulls_last())))
            .filter(col("_rank").equalTo(1));
    Reasons reasons = Reasons.catalogue();
    Column failure =
        struct(
            lit("UNKNOWN_DIALOGUE").as("code"),
            lit("dialogue_id").as("column"),
            messageOf(
                    reasons.vietnamese("UNKNOWN_DIALOGUE", "dialogue_id", VALUE, null),
                    col("dialogue_id"),
                    lit(""))
                .as("reason_vi"),
            messageOf(
                    reasons.english("UNKNOWN_DIALOGUE", "dialogue_id", VALUE, null),
                    col("dialogue_id"),
                    lit(""))
                .as("reason_en"));
    Dataset<Row> placed =
        joined
            .withColumn(TableSchemas.COMMUNE_CODE, dialogue(TableSchemas.COMMUNE_CODE))
            .withColumn(TableSchemas.COMMUNE_NAME, dialogue(TableSchemas.COMMUNE_NAME))
            .withColumn(TableSchemas.DISTRICT_CODE, dialogue(TableSchemas.DISTRICT_CODE))
            .withColumn(TableSchemas.PROVINCE_CODE, dialogue(TableSchemas.PROVINCE_CODE))
            .withColumn(
                TableSchemas.ERRORS,
                appendWhen(
                    col("dialogue_id").isNotNull().and(dialogue("record_id").isNull()), failure));
    return placed.select(petitions.columns()[0], tail(petitions.columns()));
  }

  /** The dialogue column {@code name} as {@link #withDialogueUnits} joins it to the petitions. */
  private static Column dialogue(String name) {
    return col(DIALOGUE + name);
  }

  /**
   * Fails rows whose life-cycle state goes backwards (a commended model registered again) or comes
   * back after an end (a discontinued model recognised): each row is compared with the latest
   * earlier state of the same record, in silver ({@code earlier}, the submissions being replaced
   * left out) or among the rows being refined.
   */
  public static Dataset<Row> withLifecycle(
      Dataset<Row> refining, RecordKind kind, Dataset<Row> earlier) {
    String state = kind.lifecycleColumn();
    Column stateRank = rank(col(state), kind);
    Dataset<Row> history =
        earlier
            .select(
                col("record_id"),
                col(state),
                col(TableSchemas.RECORD_DATE),
                col(Lineage.SUBMISSION_ID))
            .unionByName(
                refining
                    .filter(col(state).isNotNull().and(col(TableSchemas.RECORD_DATE).isNotNull()))
                    .select(
                        col("record_id"),
                        col(state),
                        col(TableSchemas.RECORD_DATE),
                        col(Lineage.SUBMISSION_ID)))
            .select(
                col("record_id").as("_h_id"),
                col(state).as("_h_state"),
                col(TableSchemas.RECORD_DATE).as("_h_date"),
                col(Lineage.SUBMISSION_ID).as("_h_submission"));
    Column earlierState =
        col("record_id")
            .equalTo(col("_h_id"))
            .and(col("_h_date").lt(col(TableSchemas.RECORD_DATE)))
            .and(col("_h_submission").notEqual(col(Lineage.SUBMISSION_ID)));
    Column previousRank = rank(col("_h_state"), kind);
    Column ended = col("_h_state").isin(kind.lifecycleEnds().toArray());
    Column backwards =
        col("_h_id")
            .isNotNull()
            .and(
                ended
                    .and(col(state).isin(kind.lifecycleEnds().toArray()).unary_$bang())
                    .or(
                        stateRank
                            .isNotNull()
                            .and(previousRank.isNotNull())
                            .and(stateRank.lt(previousRank))));
    Reasons reasons = Reasons.catalogue();
    Column detail = concat(col("_h_state"), lit(" → "), col(state));
    Column failure =
        struct(
            lit("BAD_LIFECYCLE").as("code"),
            lit(state).as("column"),
            messageOf(
                    reasons.vietnamese("BAD_LIFECYCLE", state, VALUE, DETAIL),
                    col("record_id"),
                    detail)
                .as("reason_vi"),
            messageOf(
                    reasons.english("BAD_LIFECYCLE", state, VALUE, DETAIL),
                    col("record_id"),
                    detail)
                .as("reason_en"));
    Dataset<Row> joined =
        refining
            .join(history, earlierState, "left")
            // The join's key leads the window's: its rows stay where the join put them.
            .withColumn(
                "_rank",
                row_number()
                    .over(
                        Window.partitionBy(
                                col("record_id"),
                                col(Lineage.SUBMISSION_ID),
                                col(Lineage.SOURCE_ROW))
                            .orderBy(col("_h_date").desc_nulls_last())))
            .filter(col("_rank").equalTo(1))
            .withColumn(TableSchemas.ERRORS, appendWhen(backwards, failure));
    return joined.select(refining.columns()[0], tail(refining.columns()));
  }

  private static Column rank(Column state, RecordKind kind) {
    List<String> states = kind.lifecycleStates();
    Column rank = lit(null).cast("int");
    for (int i = states.size() - 1; i >= 0; i--) {
      rank = when(state.equalTo(states.get(i)), lit(i)).otherwise(rank);
    }
    return rank;
  }

  /** The rows that passed every check, with the silver columns of {@code kind}. */
  public static Dataset<Row> silverRows(Dataset<Row> refined, RecordKind kind) {
    return refined
        .filter(size(ERRORS).equalTo(0))
        .select(columnsOf(TableSchemas.silver(kind).fields()));
  }

  /** The rows that failed a check, as quarantine rows: the first failure names the reason. */
  public static Dataset<Row> quarantineRows(Dataset<Row> refined, RecordKind kind) {
    List<Column> columns = new ArrayList<>();
    columns.add(lit(kind.name()).as("kind"));
    Lineage.NAMES.forEach(n -> columns.add(col(n)));
    columns.add(element_at(ERRORS, 1).getField("code").as("reason_code"));
    columns.add(element_at(ERRORS, 1).getField("column").as("column"));
    columns.add(element_at(ERRORS, 1).getField("reason_en").as("reason"));
    columns.add(element_at(ERRORS, 1).getField("reason_vi").as("reason_vi"));
    columns.add(transform(ERRORS, e -> e.getField("code")).as("reason_codes"));
    columns.add(col("_raw").as("raw"));
    return refined.filter(size(ERRORS).gt(0)).select(columns.toArray(Column[]::new));
  }

  private static Column appendWhen(Column condition, Column failure) {
    return when(condition, concat(ERRORS, org.apache.spark.sql.functions.array(failure)))
        .otherwise(ERRORS);
  }

  /**
   * A message from {@code template} whose placeholders {@link #VALUE} and {@link #DETAIL} are
   * filled from the columns {@code value} and {@code detail}.
   */
  private static Column messageOf(String template, Column value, Column detail) {
    List<Column> pieces = new ArrayList<>();
    StringBuilder text = new StringBuilder();
    for (char c : template.toCharArray()) {
      if (c == VALUE.charAt(0) || c == DETAIL.charAt(0)) {
        pieces.add(lit(text.toString()));
        pieces.add((c == VALUE.charAt(0) ? value : detail).cast("string"));
        text.setLength(0);
      } else {
        text.append(c);
      }
    }
    pieces.add(lit(text.toString()));
    return concat(pieces.toArray(Column[]::new));
  }

  private static Column[] columnsOf(StructField[] fields) {
    Column[] columns = new Column[fields.length];
    for (int i = 0; i < fields.length; i++) {
      columns[i] = col(fields[i].name());
    }
    return columns;
  }

  private static String[] tail(String[] columns) {
    return java.util.Arrays.copyOfRange(columns, 1, columns.length);
  }
}
