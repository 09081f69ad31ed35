package vn.danvan.refine;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Encoders;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.SparkSession;
import org.apache.spark.sql.execution.SparkPlan;
import org.apache.spark.sql.execution.adaptive.AdaptiveSparkPlanExec;
import org.apache.spark.sql.execution.exchange.ShuffleExchangeExec;
import org.apache.spark.sql.execution.joins.BroadcastHashJoinExec;
import org.apache.spark.storage.StorageLevel;
import org.junit.jupiter.api.Test;
import scala.jdk.javaapi.CollectionConverters;
import vn.danvan.testing.SharedSpark;

/**
 * Checks across rows, on golden rows inline: the record ids repeated in a submission, and a
 * petition placed through the dialogue it names — with the rows moved no more than the join needs.
 */
class RefinementTest {

  private static final String NO_ERRORS =
      "cast(array() as array<struct<code:string,column:string,reason_vi:string,reason_en:string>>)";

  private final SparkSession spark = SharedSpark.get();

  @Test
  void anIdIsRepeatedWhenTwoRowsOfOneSubmissionReadTheSame() {
    Dataset<Row> bronze =
        spark.sql(
            "select * from values"
                + " ('dialogues/D1/2021-Q1', 1, 'D-1'), ('dialogues/D1/2021-Q1', 2, '  D-1 '),"
                + " ('dialogues/D1/2021-Q1', 3, 'D-2'), ('dialogues/D1/2021-Q1', 4, null),"
                + " ('dialogues/D1/2021-Q1', 5, ' '), ('dialogues/D1/2021-Q1', 6, ''),"
                + " ('dialogues/D1/2021-Q1', 7, 'D-1'), ('dialogues/D2/2021-Q1', 1, 'D-2')"
                + " as t(submission_id, source_row, record_id)");

    List<String> repeated =
        Refinement.repeatedIds(bronze)
            .selectExpr("concat_ws('|', _dup_submission, _dup_id, _dup_count, _dup_rows)")
            .as(Encoders.STRING())
            .collectAsList();

    // Blank ids are missing, not repeated; D-2 of another submission is another record.
    assertThat(repeated).containsExactly("dialogues/D1/2021-Q1|D-1|3|1, 2, 7");
  }

  @Test
  void repeatedIdsComputedFirstReachTheRowsWithoutMovingThem() {
    Dataset<Row> refining =
        spark
            .sql(
                "select * from values ('dialogues/D1/2021-Q1', 1, 'D-1'), ('dialogues/D1/2021-Q1', 2,"
                    + " 'D-1'), ('dialogues/D1/2021-Q1', 3, 'D-2') as t(submission_id, source_row,"
                    + " record_id)")
            .selectExpr("*", NO_ERRORS + " as _errors");
    Dataset<Row> repeated =
        Refinement.repeatedIds(refining).persist(StorageLevel.MEMORY_AND_DISK());
    try {
      repeated.count();
      Dataset<Row> checked = Refinement.withDuplicateIds(refining, repeated);

      assertThat(
              checked
                  .selectExpr(
                      "concat_ws('|', source_row, element_at(_errors, 1).code,"
                          + " element_at(_errors, 1).reason_en)")
                  .orderBy("source_row")
                  .as(Encoders.STRING())
                  .collectAsList())
          .containsExactly(
              "1|DUPLICATE_RECORD_ID|record id 'D-1' appears more than once in the file (rows 1, 2)",
              "2|DUPLICATE_RECORD_ID|record id 'D-1' appears more than once in the file (rows 1, 2)",
              "3");
      SparkPlan plan = initialPlan(checked);
      assertThat(count(plan, BroadcastHashJoinExec.class)).isEqualTo(1);
      assertThat(count(plan, ShuffleExchangeExec.class)).isZero();
    } finally {
      repeated.unpersist();
    }
  }

  @Test
  void aPetitionIsPlacedThroughTheLatestDialogueHeldByTheDayItWasRaised() {
    Dataset<Row> petitions =
        spark.sql(
            "select *, "
                + NO_ERRORS
                + " as _errors, cast(null as string) as commune_code, cast(null as string) as"
                + " commune_name, cast(null as string) as district_code, cast(null as string) as"
                + " province_code from values"
                + " ('petitions/D1/2024-Q1', 1, 'D1', 'D-1', date'2024-03-10'),"
                + " ('petitions/D1/2024-Q1', 2, 'D1', 'D-9', date'2024-03-10'),"
                + " ('petitions/D1/2024-Q2', 1, 'D1', 'D-1', date'2024-05-01'),"
                + " ('petitions/D2/2024-Q1', 1, 'D2', 'D-1', date'2024-03-10')"
                + " as t(submission_id, source_row, reporting_unit, dialogue_id, raised_on)");
    Dataset<Row> dialogues =
        spark.sql(
            "select * from values"
                + " ('D1', 'D-1', date'2024-01-05', 'C11', 'Xã Một', 'D1', 'P1'),"
                + " ('D1', 'D-1', date'2024-03-01', 'C12', 'Xã Hai', 'D1', 'P1'),"
                + " ('D1', 'D-1', date'2024-04-01', 'C13', 'Xã Ba', 'D1', 'P1')"
                + " as t(reporting_unit, record_id, held_on, commune_code, commune_name,"
                + " district_code, province_code)");

    Dataset<Row> placed = Refinement.withDialogueUnits(petitions, dialogues);

    assertThat(
            placed
                .selectExpr(
                    "concat_ws('|', submission_id, source_row, commune_code,"
                        + " element_at(_errors, 1).code)")
                .orderBy("submission_id", "source_row")
                .as(Encoders.STRING())
                .collectAsList())
        .containsExactly(
            "petitions/D1/2024-Q1|1|C12",
            "petitions/D1/2024-Q1|2|UNKNOWN_DIALOGUE",
            "petitions/D1/2024-Q2|1|C13",
            "petitions/D2/2024-Q1|1|UNKNOWN_DIALOGUE");
    // Each side moved once, to meet the other; the latest dialogue is chosen where they met.
    assertThat(count(initialPlan(placed), ShuffleExchangeExec.class)).isEqualTo(2);
  }

  /** The plan Spark starts from, before adaptive execution changes it at run time. */
  private static SparkPlan initialPlan(Dataset<Row> frame) {
    SparkPlan plan = frame.queryExecution().executedPlan();
    return plan instanceof AdaptiveSparkPlanExec adaptive ? adaptive.initialPlan() : plan;
  }

  /** The nodes of {@code type} in {@code plan}. */
  private static long count(SparkPlan plan, Class<? extends SparkPlan> type) {
    return (type.isInstance(plan) ? 1 : 0)
        + CollectionConverters.asJava(plan.children()).stream()
            .mapToLong(c -> count(c, type))
            .sum();
  }
}
