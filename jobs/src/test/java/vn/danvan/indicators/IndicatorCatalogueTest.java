package vn.danvan.indicators;

import static org.apache.spark.sql.functions.col;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.LocalDate;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import org.apache.spark.sql.Encoders;
import org.apache.spark.sql.Row;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import vn.danvan.job.JobContext;
import vn.danvan.job.Pipeline;
import vn.danvan.testing.Gold;
import vn.danvan.testing.TestProvince;
import vn.danvan.warehouse.TableName;
import vn.danvan.warehouse.Warehouse;

/**
 * Every kind of indicator on golden data, with the seeds' published figures fed in as records: Chợ
 * Đồn's models (2018–2020), Bảo Yên's outreach in ethnic-minority areas, a district whose 19
 * communes all met the dialogue quota, petitions against a deadline across Tết; then the league,
 * outliers, reporting rates, an indicator added from the catalogue alone, incremental = full, and a
 * past state recomputed with --as-of.
 */
class IndicatorCatalogueTest {

  private static final LocalDate TODAY = LocalDate.of(2024, 3, 10);
  private static final List<Pipeline.Stage> JOB = TestProvince.TO_GOLD;
  private static final String DIALOGUES =
      "Mã cuộc,Ngày tổ chức,Mã xã,Cấp chủ trì,Chủ trì,Hình thức,Số người tham dự,Số ý kiến,"
          + "Số ý kiến trả lời tại chỗ,Số phiếu thu về,Số phiếu hài lòng\n";

  private static TestProvince province;
  private static Warehouse warehouse;

  @BeforeAll
  static void runTheJob() throws IOException {
    StringBuilder units = new StringBuilder(TestProvince.TINY_UNITS);
    units.append("D9,Huyện Chín,district,P,2000-01-01,,,,19000,0,2019,test\n");
    for (int i = 1; i <= 19; i++) {
      units.append(
          String.format("C9%02d,Xã Chín %d,commune,D9,2000-01-01,,,,1000,0,2019,test%n", i, i));
    }
    province =
        TestProvince.create(units.toString(), "from_code,to_code,effective_on,weight,note\n");
    Path catalogue = province.reference().resolve("indicators.csv");
    Files.writeString(
        catalogue,
        Files.readString(catalogue)
            + "PET_RAISED_PER_DLG,Số ý kiến bình quân mỗi cuộc,Petitions raised per dialogue,dialogues,"
            + "sum(petitions_raised),count(petitions_raised),1,ý kiến/cuộc,petitions/dialogue,lower,,"
            + "none,1\n",
        StandardCharsets.UTF_8);
    writeDialogues();
    writePetitions();
    writeModels();
    province.write(
        "outreach/D1/2020-Q4.csv",
        "Mã,Ngày tổ chức,Mã xã,Đơn vị tổ chức,Số cuộc,Số lượt người nghe\nT-1,10/11/2020,C12,Mặt trận,1.000,80.000\n");
    province.write(
        "outreach/D1/2021-Q2.csv",
        "Mã,Ngày tổ chức,Mã xã,Đơn vị tổ chức,Số cuộc,Số lượt người nghe\nT-2,10/05/2021,C12,Đoàn thể,1.358,108.640\n");
    province.write(
        "_arrivals.csv",
        "source_file,received_on\ndialogues/D9/2019-Q1.csv,05/04/2019\ndialogues/D2/2019-Q1.csv,20/04/2019\n");
    JobContext ctx = province.context(TODAY);
    warehouse = ctx.warehouse();
    Pipeline.run(ctx, "run", JOB);
  }

  private static void writeDialogues() {
    for (int q = 1; q <= 4; q++) {
      StringBuilder d9 = new StringBuilder(DIALOGUES);
      for (int i = 1; i <= 19; i++) {
        int satisfied = i == 19 ? 50 : 88 + i % 5;
        d9.append(
            String.format(
                "D9-%d-%d,10/%02d/2019,C9%02d,Xã,Bí thư,Trực tiếp,150,,,100,%d%n",
                q, i, 3 * q - 1, i, satisfied));
      }
      province.write("dialogues/D9/2019-Q" + q + ".csv", d9.toString());
    }
    province.write(
        "dialogues/D2/2019-Q1.csv",
        DIALOGUES + "D2-1,20/03/2019,C21,Xã,Bí thư,Trực tiếp,250,4,3,200,100\n");
    province.write(
        "dialogues/D1/2019-Q2.csv",
        DIALOGUES + "D1-1,20/04/2019,C11,Xã,Bí thư,Trực tiếp,25,,,20,19\n");
    province.write(
        "dialogues/D2/2020-Q1.csv", DIALOGUES + "D2-2,20/03/2020,C21,Xã,Bí thư,Trực tiếp,25,,,,\n");
    province.write(
        "dialogues/D2/2021-Q1.csv", DIALOGUES + "D2-3,20/03/2021,C21,Xã,Bí thư,Trực tiếp,25,,,,\n");
    StringBuilder many = new StringBuilder(DIALOGUES);
    for (int k = 1; k <= 5; k++) {
      many.append(String.format("D2-22-%d,2%d/03/2022,C21,Xã,Bí thư,Trực tiếp,25,,,,%n", k, k));
    }
    province.write("dialogues/D2/2022-Q1.csv", many.toString());
    province.write(
        "dialogues/D2/2024-Q1.csv",
        DIALOGUES
            + "D2-24-1,05/02/2024,C21,Xã,Bí thư,Trực tiếp,60,3,0,,\n"
            + "D2-24-2,01/03/2024,C21,Xã,Bí thư,Trực tiếp,60,1,0,,\n");
  }

  private static void writePetitions() {
    // Raised on 05/02/2024, the 15-working-day deadline skips Tết (08–14/02): 04/03/2024.
    province.write(
        "petitions/D2/2024-Q1.csv",
        "Mã ý kiến,Mã cuộc đối thoại,Ngày nêu,Trả lời tại chỗ,Ngày giải quyết\n"
            + "P1,D2-24-1,05/02/2024,Không,04/03/2024\n"
            + "P2,D2-24-1,05/02/2024,Không,05/03/2024\n"
            + "P3,D2-24-1,05/02/2024,Không,\n"
            + "P4,D2-24-2,01/03/2024,Không,\n");
  }

  /** Chợ Đồn 2018–2020: 808 models registered, 179 recognised, 109 of them collective. */
  private static void writeModels() {
    String header =
        "Mã mô hình,Mã xã,Tên mô hình,Tập thể/cá nhân,Lĩnh vực,Ngày đăng ký,Trạng thái,Ngày cập nhật,Cấp công nhận\n";
    StringBuilder registered = new StringBuilder(header);
    StringBuilder recognised = new StringBuilder(header);
    for (int m = 1; m <= 808; m++) {
      String holder = m <= 109 ? "Tập thể" : "Cá nhân";
      String on =
          LocalDate.of(2019, 1, 10)
              .plusDays(m % 170)
              .format(java.time.format.DateTimeFormatter.ofPattern("dd/MM/yyyy"));
      registered.append(
          String.format("M%03d,C11,Mô hình %d,%s,Kinh tế,%s,Đăng ký,%s,%n", m, m, holder, on, on));
      if (m <= 179) {
        recognised.append(
            String.format(
                "M%03d,C11,Mô hình %d,%s,Kinh tế,%s,Công nhận,01/03/2020,Xã%n", m, m, holder, on));
      }
    }
    province.write("models/D1/2019-H1.csv", registered.toString());
    province.write("models/D1/2020-H1.csv", recognised.toString());
  }

  @Test
  void modelsAreCountedByTheirStateAtThePeriodsEnd() {
    assertValue("MDL_REGISTERED", "D1", "2018..2020", 808.0);
    assertValue("MDL_RECOGNISED", "D1", "2018..2020", 179.0);
    assertValue("MDL_RECOG_RATE", "D1", "2018..2020", 22.1534653465);
    assertValue("MDL_COLLECTIVE_SHARE", "D1", "2018..2020", 60.8938547486);
    assertValue("MDL_RECOGNISED", "D1", "2019", 0.0);
    Row per10k = Gold.row(warehouse, "MDL_PER_10K", "as_reported", "D1", "2018..2020");
    assertThat(per10k.<Double>getAs("value")).isCloseTo(298.3333333333, within(1e-6));
    assertThat(per10k.<Double>getAs("ci_low")).isCloseTo(256.2284656836, within(1e-6));
    assertThat(per10k.<Double>getAs("ci_high")).isCloseTo(345.3827451489, within(1e-6));
    Row rate = Gold.row(warehouse, "MDL_RECOG_RATE", "as_reported", "D1", "2018..2020");
    assertThat(rate.<Double>getAs("ci_low")).isCloseTo(19.4255687348, within(1e-6));
    assertThat(rate.<Double>getAs("ci_high")).isCloseTo(25.1448895597, within(1e-6));
  }

  @Test
  void outreachInEthnicMinorityAreasMatchesBaoYensReport() {
    assertValue("OUT_SESSIONS", "D1", "2020..2025", 2358.0);
    assertValue("OUT_PARTICIPANTS", "D1", "2020..2025", 188640.0);
    assertValue("OUT_PER_SESSION", "D1", "2020..2025", 80.0);
    // C11 (region I) and C12 (region III) are both in the area all along: two communes.
    assertValue("OUT_EM_PER_AREA", "D1", "2020..2025", 94320.0);
    Row per1000 = Gold.row(warehouse, "OUT_EM_PER_1000", "as_reported", "C12", "2020..2025");
    assertThat(per1000.<Double>getAs("value")).isCloseTo(125760.0, within(1e-6));
    assertThat(per1000.<Double>getAs("ci_low")).isCloseTo(125193.1214281, within(1e-4));
    assertThat(per1000.<Double>getAs("ci_high")).isCloseTo(126328.8096128, within(1e-4));
  }

  @Test
  void dialogueQuotasAreCountedPerCommune() {
    assertValue("DLG_QUOTA_MET", "D9", "2019", 100.0);
    assertValue("DLG_QUOTA_MET", "D9", "2019-Q3", 100.0);
    // 22 communes existed in 2019; D9's 19 held four dialogues, C11 and C21 one, C12 none.
    assertValue("DLG_QUOTA_MET", "P", "2019", 86.3636363636);
    assertValue("DLG_QUOTA_MET", "P", "2019-Q1", 90.9090909091);
    assertValue("DLG_PER_COMMUNE", "D9", "2019", 4.0);
    assertValue("DLG_COUNT", "P", "2019", 78.0);
    assertThat(
            Gold.row(warehouse, "DLG_QUOTA_MET", "as_reported", "P", "2019")
                .<String>getAs("status"))
        .isEqualTo("not_met");
  }

  @Test
  void satisfactionIsPooledNotAnAverageOfDistrictRates() {
    // Districts D9 87.89 % and D2 50 % average 68.9 %; the province pools 6 799 of 7 820 ballots.
    Row p = Gold.row(warehouse, "SAT_RATE", "as_reported", "P", "2019");
    assertThat(p.<Double>getAs("numerator")).isEqualTo(6799.0);
    assertThat(p.<Double>getAs("denominator")).isEqualTo(7820.0);
    assertThat(p.<Double>getAs("value")).isCloseTo(86.9437340153, within(1e-9));
    assertThat(p.<Double>getAs("ci_low")).isCloseTo(86.1788111118, within(1e-7));
    assertThat(p.<Double>getAs("ci_high")).isCloseTo(87.6723786191, within(1e-7));
  }

  @Test
  void petitionTimelinessCountsWorkingDaysAndLeavesOutWhatIsNotYetDue() {
    // P1 on time, P2 a day late, P3 open past its deadline (late); P4 open, not yet due.
    Row r = Gold.row(warehouse, "PET_ONTIME_RATE", "as_reported", "C21", "2024-Q1");
    assertThat(r.<Double>getAs("numerator")).isEqualTo(1.0);
    assertThat(r.<Double>getAs("denominator")).isEqualTo(3.0);
    assertThat(r.<Double>getAs("value")).isCloseTo(33.3333333333, within(1e-9));
    assertValue("PET_ONSITE_RATE", "C21", "2019", 75.0);
  }

  @Test
  void anIndicatorAddedToTheCatalogueAloneReachesGold() {
    assertValue("PET_RAISED_PER_DLG", "C21", "2019", 4.0);
    assertValue("PET_RAISED_PER_DLG", "D2", "2024-Q1", 2.0);
  }

  @Test
  void reportingRatesCountExpectedReceivedAndOnTimeSubmissions() {
    Map<String, String> dialogues = new TreeMap<>();
    for (Row r :
        warehouse
            .read(TableName.REPORTING_RATES)
            .filter(col("kind").equalTo("dialogues").and(col("period_key").equalTo("2019-Q1")))
            .collectAsList()) {
      dialogues.put(r.getAs("unit_code"), r.getAs("received") + "/" + r.getAs("on_time"));
    }
    assertThat(dialogues)
        .containsExactlyEntriesOf(new TreeMap<>(Map.of("D1", "0/0", "D2", "1/0", "D9", "1/1")));
    assertValue("REP_COMPLETENESS", "P", "2019-Q1", 66.6666666667);
    assertValue("REP_TIMELINESS", "P", "2019-Q1", 33.3333333333);
  }

  @Test
  void theLeagueRanksDistrictsAndTellsWhichDifferFromTheProvince() {
    Map<String, String> league = new TreeMap<>();
    for (Row r :
        warehouse
            .read(TableName.LEAGUE)
            .filter(
                col("indicator_id")
                    .equalTo("SAT_RATE")
                    .and(col("basis").equalTo("as_reported"))
                    .and(col("unit_level").equalTo("district"))
                    .and(col("period_key").equalTo("2019")))
            .collectAsList()) {
      league.put(
          r.getAs("unit_code"),
          r.getAs("rank")
              + "|"
              + r.getAs("quartile_band")
              + "|"
              + r.getAs("vs_province")
              + "|"
              + r.getAs("is_small_sample"));
    }
    assertThat(league)
        .containsExactlyEntriesOf(
            new TreeMap<>(
                Map.of(
                    "D9", "1|1|above|false",
                    "D2", "2|2|below|false",
                    "D1", "null|null|null|true")));
  }

  @Test
  void outliersFlagUnitsFarFromTheirPeersAndYearsFarFromTheirPast() {
    List<String> spread =
        warehouse
            .read(TableName.OUTLIERS)
            .filter(
                col("indicator_id")
                    .equalTo("SAT_RATE")
                    .and(col("basis").equalTo("as_reported"))
                    .and(col("period_key").equalTo("2019"))
                    .and(col("method").equalTo("modified_z")))
            .select("unit_code")
            .as(Encoders.STRING())
            .collectAsList();
    assertThat(spread).containsExactlyInAnyOrder("C919", "C21");
    List<String> yoy =
        warehouse
            .read(TableName.OUTLIERS)
            .filter(
                col("indicator_id")
                    .equalTo("DLG_COUNT")
                    .and(col("basis").equalTo("as_reported"))
                    .and(col("method").equalTo("yoy_ratio")))
            .selectExpr("concat(unit_code, ' ', period_key, ' ', cast(score as string))")
            .as(Encoders.STRING())
            .collectAsList();
    // C21 and D2 jump from one dialogue a year to five; D9 falls silent after 76 in 2019.
    assertThat(yoy).containsExactlyInAnyOrder("C21 2022 5.0", "D2 2022 5.0", "D9 2022 0.0");
  }

  @Test
  void incrementalGoldEqualsAFullRecomputeAndThePastStaysReproducible() throws IOException {
    long firstVersion = warehouse.version(TableName.INDICATOR_VALUES).orElseThrow();
    province.write(
        "dialogues/D2/2022-Q2.csv",
        DIALOGUES + "D2-22-6,10/05/2022,C21,Xã,Bí thư,Trực tiếp,25,,,,\n");
    JobContext ctx = province.context(TODAY);
    Pipeline.run(ctx, "run", JOB);
    assertValue("DLG_COUNT", "C21", "2022", 6.0);
    List<Row> incremental = sorted(warehouse.read(TableName.INDICATOR_VALUES).collectAsList());
    List<Row> full = sorted(IndicatorsStage.full().compute(ctx, null).collectAsList());
    assertThat(incremental).hasSameSizeAs(full).containsExactlyElementsOf(full);
    // League and outliers rewrote only the rows 2022-Q2 touches, the ones looking back at it too:
    // 2022-Q3 compares with 2022-Q2, 2023-Q2 with a year earlier; 2022 is now six to one.
    assertThat(derived(TableName.LEAGUE, "DLG_COUNT", "D2", "2022-Q3", "previous_value"))
        .isEqualTo(1.0);
    assertThat(derived(TableName.LEAGUE, "DLG_COUNT", "D2", "2023-Q2", "year_earlier_value"))
        .isEqualTo(1.0);
    assertThat(derived(TableName.OUTLIERS, "DLG_COUNT", "C21", "2022", "score")).isEqualTo(6.0);
    List<Row> league = sorted(warehouse.read(TableName.LEAGUE).collectAsList());
    List<Row> outliers = sorted(warehouse.read(TableName.OUTLIERS).collectAsList());
    IndicatorsStage.full().execute(province.context(TODAY));
    assertThat(league)
        .containsExactlyElementsOf(sorted(warehouse.read(TableName.LEAGUE).collectAsList()));
    assertThat(outliers)
        .containsExactlyElementsOf(sorted(warehouse.read(TableName.OUTLIERS).collectAsList()));

    IndicatorsStage.incremental().execute(province.context(TODAY, Long.toString(firstVersion)));
    Path past = province.out().resolve("as-of/v" + firstVersion + "/indicator_values.csv");
    String dlg2022 =
        Files.readAllLines(past).stream()
            .filter(
                l ->
                    l.startsWith("\"DLG_COUNT\",\"as_reported\",\"C21\"")
                        && l.contains("\"year\",\"2022\""))
            .findFirst()
            .orElseThrow();
    assertThat(dlg2022).contains("\"5.0\",,\"5.0\"");
    assertThat(Files.readString(past.resolveSibling("versions.json")))
        .contains("\"silver.dialogues\"");
  }

  /** One column of the as-reported row of a derived gold table; fails unless exactly one. */
  private static double derived(
      TableName table, String indicator, String unit, String period, String column) {
    List<Row> rows =
        warehouse
            .read(table)
            .filter(
                String.format(
                    "indicator_id = '%s' AND basis = 'as_reported' AND unit_code = '%s'"
                        + " AND period_key = '%s'",
                    indicator, unit, period))
            .collectAsList();
    assertThat(rows).as("%s %s %s %s", table, indicator, unit, period).hasSize(1);
    return rows.get(0).<Double>getAs(column);
  }

  private static List<Row> sorted(List<Row> rows) {
    return rows.stream().sorted(Comparator.comparing(Row::toString)).toList();
  }

  private static void assertValue(String indicator, String unit, String period, double expected) {
    assertThat(Gold.row(warehouse, indicator, "as_reported", unit, period).<Double>getAs("value"))
        .as("%s %s %s", indicator, unit, period)
        .isCloseTo(expected, within(1e-9));
  }
}
