package vn.danvan.pipeline;

import static org.assertj.core.api.Assertions.assertThat;
import static vn.danvan.indicators.GoldScope.Extent.EVERYWHERE;

import java.time.LocalDate;
import java.util.List;
import org.apache.spark.sql.Row;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;
import vn.danvan.indicators.GoldScope;
import vn.danvan.indicators.IndicatorsStage;
import vn.danvan.job.Pipeline;
import vn.danvan.testing.Gold;
import vn.danvan.testing.TestProvince;
import vn.danvan.warehouse.TableName;
import vn.danvan.warehouse.Warehouse;

/**
 * Runs on later days with nothing new landed: what the passing of time changes in gold, and only
 * that. A petition raised on 05/02/2024 falls due after 04/03/2024 (15 working days, Tết skipped);
 * a model registered in January holds in every period that begins after it.
 */
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class PassingDayTest {

  private static final LocalDate DEADLINE = LocalDate.of(2024, 3, 4);
  private static final List<Pipeline.Stage> JOB = TestProvince.TO_GOLD;

  private static final String MODELS =
      "Mã mô hình,Mã xã,Tên mô hình,Tập thể/cá nhân,Lĩnh vực,Ngày đăng ký,Trạng thái,Ngày cập nhật,"
          + "Cấp công nhận\n";

  private static TestProvince province;
  private static Warehouse warehouse;

  @BeforeAll
  static void runOnTheDeadline() {
    province = TestProvince.tiny();
    province.write(
        "dialogues/D2/2024-Q1.csv",
        "Mã cuộc,Ngày tổ chức,Mã xã,Cấp chủ trì,Chủ trì,Hình thức,Số người tham dự\n"
            + "D2-1,05/02/2024,C21,Xã,Bí thư,Trực tiếp,60\n");
    province.write(
        "petitions/D2/2024-Q1.csv",
        "Mã ý kiến,Mã cuộc đối thoại,Ngày nêu,Trả lời tại chỗ,Ngày giải quyết\n"
            + "P1,D2-1,05/02/2024,Không,20/02/2024\n"
            + "P2,D2-1,05/02/2024,Không,\n");
    province.write(
        "models/D1/2024-Q1.csv",
        "Mã mô hình,Mã xã,Tên mô hình,Tập thể/cá nhân,Lĩnh vực,Ngày đăng ký,Trạng thái\n"
            + "M1,C11,Mô hình một,Tập thể,Kinh tế,10/01/2024,Đăng ký\n");
    warehouse = province.context(DEADLINE).warehouse();
    Pipeline.run(province.context(DEADLINE), "run", JOB);
  }

  @Test
  @Order(1)
  void aPassingDayRecomputesWhatFallsDueAndAPassingMonthWhatBegins() {
    // On its deadline the open petition is not yet due: one of one resolved on time.
    assertThat(onTime("C21", "2024-Q1").<Double>getAs("value")).isEqualTo(100.0);

    // The next day it is late, in every period its date falls in; no other indicator moved.
    IndicatorsStage.Result late = runOn(DEADLINE.plusDays(1));
    Row q1 = onTime("C21", "2024-Q1");
    assertThat(q1.<Double>getAs("numerator")).isEqualTo(1.0);
    assertThat(q1.<Double>getAs("denominator")).isEqualTo(2.0);
    assertThat(onTime("P", "2024").<Double>getAs("value")).isEqualTo(50.0);
    assertThat(late.scope().parts()).as("one part: a dated indicator everywhere").hasSize(1);
    GoldScope.Part due = late.scope().parts().get(0);
    assertThat(due.extent()).isEqualTo(EVERYWHERE);
    assertThat(due.indicators()).containsExactly("PET_ONTIME_RATE");
    assertThat(due.periods())
        .contains("2024-M02", "2024-Q1", "2024-H1", "2024", "2021..2025")
        .doesNotContain("2023-Q4");
    Gold.assertEqualsFullRecompute(province, DEADLINE.plusDays(1));

    // April begins: its month and quarter get every indicator's rows (the model holds in them).
    LocalDate april = LocalDate.of(2024, 4, 1);
    IndicatorsStage.Result begun = runOn(april);
    assertThat(
            Gold.row(warehouse, "MDL_REGISTERED", "as_reported", "C11", "2024-Q2")
                .<Double>getAs("value"))
        .isEqualTo(1.0);
    assertThat(begun.scope().periods(EVERYWHERE)).contains("2024-M04", "2024-Q2");
    Gold.assertEqualsFullRecompute(province, april);
  }

  @Test
  @Order(2)
  void aRunStoppedAfterTheValuesLeavesLeagueAndOutliersToTheNextRun() {
    LocalDate april = LocalDate.of(2024, 4, 1);
    runOn(april);
    Derived derived = leagueAndOutliersLagging();

    IndicatorsStage.Result next = runOn(april);

    assertThat(next.computed()).as("gold is not up to date while league lags the values").isTrue();
    derived.assertDerivedAgain();
  }

  /**
   * An analyst corrects gold by hand, and the commit carries their note, not one of gold's: the
   * next run cannot tell what gold was computed from, so it recomputes it whole (it failed on a
   * null pointer before).
   */
  @Test
  @Order(3)
  void aHandEditOfGoldIsRecomputedWholeByTheNextRun() {
    LocalDate april = LocalDate.of(2024, 4, 1);
    String userMetadata = "spark.databricks.delta.commitInfo.userMetadata";
    warehouse.spark().conf().set(userMetadata, "sửa tay số cuộc đối thoại");
    try {
      warehouse
          .spark()
          .sql(
              "UPDATE delta.`"
                  + warehouse.path(TableName.INDICATOR_VALUES)
                  + "` SET value = -1 WHERE indicator_id = 'DLG_COUNT'");
    } finally {
      warehouse.spark().conf().unset(userMetadata);
    }
    assertThat(warehouse.lastNote(TableName.INDICATOR_VALUES))
        .contains("sửa tay số cuộc đối thoại");

    IndicatorsStage.Result next = runOn(april);

    assertThat(next.computed()).isTrue();
    assertThat(next.scope()).as("recomputed whole").isNull();
    assertThat(
            Gold.row(warehouse, "DLG_COUNT", "as_reported", "D2", "2024-Q1").<Double>getAs("value"))
        .isEqualTo(1.0);
    assertThat(warehouse.read(TableName.INDICATOR_VALUES).filter("value = -1").count())
        .as("values left as the hand edit made them")
        .isZero();
  }

  /**
   * Once every petition was raised more than the longest deadline before gold's day, a passing day
   * can make none fall due: nothing is recomputed (before, every period of the 45 days before the
   * day was, everywhere, though no petition was raised in them).
   */
  @Test
  @Order(4)
  void aPassingDayLongAfterThePetitionsRecomputesNothing() {
    LocalDate april = LocalDate.of(2024, 4, 1);
    runOn(april);

    IndicatorsStage.Result next = runOn(april.plusDays(1));

    assertThat(next.scope()).as("scoped, not recomputed whole").isNotNull();
    assertThat(next.scope().parts()).as("parts recomputed").isEmpty();
    assertThat(runOn(april.plusDays(1)).computed())
        .as("the day noted: a second run that day finds gold up to date")
        .isFalse();
    Gold.assertEqualsFullRecompute(province, april.plusDays(1));
  }

  /**
   * A day that changes no value, after a run stopped between the values and the tables derived from
   * them: league and outliers are derived again, not noted as current while they lag.
   */
  @Test
  @Order(5)
  void aDayThatChangesNoValueStillDerivesALaggingLeague() {
    LocalDate day = LocalDate.of(2024, 4, 2);
    runOn(day);
    Derived derived = leagueAndOutliersLagging();

    IndicatorsStage.Result next = runOn(day.plusDays(1));

    assertThat(next.scope()).as("scoped").isNotNull();
    assertThat(next.scope().parts()).as("no value changes").isEmpty();
    derived.assertDerivedAgain();
  }

  /**
   * A model's states, in a file of any period, reach the periods ending on or after the earliest
   * state added or removed: a recognition dated 2 April recomputes 2024-Q2 and the periods holding
   * it, not 2024-Q1; M1's registration moved back to December 2023 reaches 2023-Q4 as well (before,
   * every period since the first year was recomputed for either, and the months and quarter between
   * the last state before and the new one everywhere).
   */
  @Test
  @Order(6)
  void aModelsStatesReachThePeriodsEndingOnOrAfterTheEarliestChanged() {
    LocalDate day = LocalDate.of(2024, 4, 3);
    IndicatorsStage.Result recognised =
        sentOn(
            day,
            "models/D1/2024-Q2.csv",
            "M1,C11,Mô hình một,Tập thể,Kinh tế,10/01/2024,Công nhận,02/04/2024,Xã");

    assertThat(recognised.scope().allPeriods())
        .as("the periods recomputed")
        .contains("2024-M04", "2024-Q2", "2024-H1", "2024")
        .as("nor the months between the last state before and this one: states hold after it")
        .doesNotContain("2024-M01", "2024-Q1", "2023-Q4", "2024-M02", "2024-M03");
    assertThat(mdlRecognised("2024-Q1")).isEqualTo(0.0);
    assertThat(mdlRecognised("2024-Q2")).isEqualTo(1.0);
    Gold.assertEqualsFullRecompute(province, day);

    IndicatorsStage.Result movedBack =
        sentOn(
            day,
            "models/D1/2024-Q1.csv",
            "M1,C11,Mô hình một,Tập thể,Kinh tế,10/12/2023,Đăng ký,,");

    assertThat(movedBack.scope().allPeriods())
        .as("from the new date, 10/12/2023, on")
        .contains("2023-M12", "2023-Q4", "2024-Q1")
        .doesNotContain("2023-M11", "2023-Q3");
    assertThat(
            Gold.row(warehouse, "MDL_REGISTERED", "as_reported", "C11", "2023-Q4")
                .<Double>getAs("value"))
        .isEqualTo(1.0);
    Gold.assertEqualsFullRecompute(province, day);
  }

  /**
   * A models file with {@code row} landed, ingested and refined on {@code day}, then gold's run.
   */
  private static IndicatorsStage.Result sentOn(LocalDate day, String path, String row) {
    province.write(path, MODELS + row + "\n");
    Pipeline.run(
        province.context(day), "run", List.of(Pipeline.Stage.INGEST, Pipeline.Stage.REFINE));
    return runOn(day);
  }

  private static double mdlRecognised(String period) {
    return Gold.row(warehouse, "MDL_RECOGNISED", "as_reported", "C11", period).getAs("value");
  }

  /** League's and outliers' rows as they were, before a test left them lagging. */
  private record Derived(List<String> league, List<String> outliers) {

    /** League and outliers hold their rows again. */
    void assertDerivedAgain() {
      assertThat(league).as("league rows of the tiny province").hasSizeGreaterThan(100);
      assertThat(Gold.rows(warehouse, TableName.LEAGUE)).containsExactlyElementsOf(league);
      assertThat(Gold.rows(warehouse, TableName.OUTLIERS)).containsExactlyElementsOf(outliers);
    }
  }

  /**
   * What a run killed between the values and the tables derived from them leaves: the values noted
   * as current, league and outliers from an older state (here, none of their rows).
   */
  private static Derived leagueAndOutliersLagging() {
    Derived was =
        new Derived(
            Gold.rows(warehouse, TableName.LEAGUE), Gold.rows(warehouse, TableName.OUTLIERS));
    warehouse.overwrite(TableName.LEAGUE, warehouse.read(TableName.LEAGUE).limit(0));
    warehouse.overwrite(TableName.OUTLIERS, warehouse.read(TableName.OUTLIERS).limit(0));
    return was;
  }

  private static IndicatorsStage.Result runOn(LocalDate today) {
    return IndicatorsStage.incremental().execute(province.context(today));
  }

  private static Row onTime(String unit, String period) {
    return Gold.row(warehouse, "PET_ONTIME_RATE", "as_reported", unit, period);
  }
}
