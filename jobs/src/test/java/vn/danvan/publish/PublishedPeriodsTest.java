package vn.danvan.publish;

import static org.apache.spark.sql.functions.col;
import static org.apache.spark.sql.functions.lit;
import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Date;
import java.time.LocalDate;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;
import vn.danvan.job.JobContext;
import vn.danvan.job.Pipeline;
import vn.danvan.period.Period;
import vn.danvan.testing.TestProvince;
import vn.danvan.warehouse.TableName;
import vn.danvan.warehouse.Warehouse;

/**
 * A publish reads from gold only the periods whose figures changed since the packs were drawn, as
 * the tables' logs tell: a change to one period's partitions leaves the packs of a period that does
 * not show it unread, and a change to a period its trend shows reads and draws it again. In order:
 * each test starts from the packs the one before left.
 */
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class PublishedPeriodsTest {

  /** The latest complete quarter is then 2025-Q3, the latest complete year 2024. */
  private static final LocalDate TODAY = LocalDate.of(2025, 11, 10);

  private static final String HEADER =
      "record_id,held_on,commune_code,host_level,host_role,format,participants,ballots_returned,"
          + "ballots_satisfied\n";
  private static final String MODELS =
      "record_id,commune_code,name,holder_type,field,registered_on,status,status_on,"
          + "recognition_level\n";

  private static TestProvince province;
  private static Warehouse warehouse;

  @BeforeAll
  static void twoYearsOfDialogues() {
    province = TestProvince.tiny();
    province.write(
        "dialogues/D1/2023-Q4.csv",
        HEADER + "A1,10/11/2023,C11,commune,secretary,direct,50,40,30\n");
    province.write(
        "dialogues/D1/2024-Q2.csv",
        HEADER + "B1,10/05/2024,C11,commune,secretary,direct,60,50,45\n");
    province.write(
        "dialogues/D1/2025-Q3.csv",
        HEADER + "C1,10/08/2025,C12,commune,chairman,direct,70,60,48\n");
    province.write(
        "models/D1/2024-H1.csv",
        MODELS + "M1,C11,Mô hình một,collective,economy,10/01/2024,registered,,\n");
    JobContext ctx = province.context(TODAY);
    Pipeline.run(ctx, "run", TestProvince.TO_GOLD);
    warehouse = ctx.warehouse();
  }

  @Test
  @Order(1)
  void theFirstPublishReadsBothPeriodsAndTheSameInputsNone() {
    PublishStage.Result first = publish();
    assertThat(first.read()).containsExactly("2025-Q3", "2024");
    assertThat(first.packs()).containsExactlyInAnyOrder(pack("2025-Q3"), pack("2024"));

    PublishStage.Result again = publish();
    assertThat(again.read()).isEmpty();
    assertThat(again.unchanged()).containsExactlyInAnyOrder(pack("2025-Q3"), pack("2024"));
  }

  @Test
  @Order(2)
  void aChangedQuarterLeavesTheYearsPacksUnread() {
    String yearMadeBy = runOf(pack("2024"));
    raiseSatisfaction("2025-Q3");

    PublishStage.Result next = publish();

    assertThat(next.read()).as("periods read from gold").containsExactly("2025-Q3");
    assertThat(next.packs())
        .as("drawn again: its figures changed")
        .containsExactly(pack("2025-Q3"));
    assertThat(next.unchanged()).containsExactly(pack("2024"));
    assertThat(runOf(pack("2024"))).isEqualTo(yearMadeBy);
  }

  @Test
  @Order(3)
  void aChangedYearTheYearsTrendShowsReadsAndDrawsItAgain() {
    String quarterMadeBy = runOf(pack("2025-Q3"));
    raiseSatisfaction("2023");

    PublishStage.Result next = publish();

    assertThat(next.read()).as("2023 is on 2024's trend, not on 2025-Q3's").containsExactly("2024");
    assertThat(next.packs()).containsExactly(pack("2024"));
    assertThat(next.unchanged()).containsExactly(pack("2025-Q3"));
    assertThat(runOf(pack("2025-Q3"))).isEqualTo(quarterMadeBy);
  }

  @Test
  @Order(4)
  void aChangedLeaguePeriodReadsItAlone() {
    edit(TableName.LEAGUE, "value = value", "period_key = '2024'");

    PublishStage.Result league = publish();

    assertThat(league.read()).as("the league of 2024 only").containsExactly("2024");
    assertThat(league.packs()).as("the same figures").isEmpty();
  }

  @Test
  @Order(5)
  void aChangedModelReachesThePeriodsEndingOnOrAfterItsEarlierOrLaterState() {
    String yearMadeBy = runOf(pack("2024"));
    edit(TableName.silver("models"), "name = name", "true");
    assertThat(publish().read()).as("every file written again, no state changed").isEmpty();

    TableName models = TableName.silver("models");
    Date recognisedOn = Date.valueOf("2025-08-10");
    warehouse.append(
        models,
        warehouse
            .read(models)
            .filter(col("record_id").equalTo("M1"))
            .withColumn("status", lit("recognised"))
            .withColumn("recognition_level", lit("commune"))
            .withColumn("status_on", lit(recognisedOn))
            .withColumn("record_date", lit(recognisedOn)));
    PublishStage.Result recognised = publish();
    assertThat(recognised.read()).as("M1 recognised on 10/08/2025").containsExactly("2025-Q3");
    assertThat(recognised.packs()).containsExactly(pack("2025-Q3"));
    assertThat(runOf(pack("2024"))).isEqualTo(yearMadeBy);

    edit(
        models,
        "record_date = DATE'2025-01-10', registered_on = DATE'2025-01-10'",
        "record_id = 'M1' AND status = 'registered'");
    PublishStage.Result moved = publish();
    assertThat(moved.read())
        .as("M1's registration moved from 10/01/2024 to 10/01/2025: 2024's end saw it")
        .containsExactly("2025-Q3", "2024");
    assertThat(moved.packs()).as("2024 counts no model now").containsExactly(pack("2024"));
  }

  @Test
  @Order(6)
  void theLatestCompleteQuarterAndYearAreFoundNearTodayOrFurtherBack() {
    assertThat(new PackReader(province.context(TODAY)).latestComplete())
        .extracting(Period::key)
        .containsExactly("2025-Q3", "2024");
    assertThat(new PackReader(province.context(LocalDate.of(2028, 3, 1))).latestComplete())
        .as("no figures in the recent quarters and years: every period asked")
        .extracting(Period::key)
        .containsExactly("2025-Q3", "2025");
  }

  /** A hand edit of gold: the satisfaction rates of {@code periodKey} raised a little. */
  private static void raiseSatisfaction(String periodKey) {
    edit(
        TableName.INDICATOR_VALUES,
        "value = value + 0.01",
        "period_key = '" + periodKey + "' AND indicator_id = 'SAT_RATE'");
  }

  /** A hand edit of {@code table}: Delta's UPDATE writes the files of the rows it matches again. */
  private static void edit(TableName table, String set, String where) {
    warehouse
        .spark()
        .sql("UPDATE delta.`" + warehouse.path(table) + "` SET " + set + " WHERE " + where);
  }

  private static PublishStage.Result publish() {
    return new PublishStage(PublishStage.Options.latest()).execute(province.context(TODAY));
  }

  private static Path pack(String period) {
    return Path.of(province.out().toString(), "review", period);
  }

  private static String runOf(Path pack) {
    try {
      return PublishStage.JSON
          .readTree(Files.readString(pack.resolve("manifest.json")))
          .get("run_id")
          .asText();
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }
}
