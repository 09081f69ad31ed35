package vn.danvan.pipeline;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import java.time.LocalDate;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import org.apache.spark.sql.Row;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import vn.danvan.job.JobContext;
import vn.danvan.job.Pipeline;
import vn.danvan.ops.RunLog;
import vn.danvan.testing.Gold;
import vn.danvan.testing.TestProvince;
import vn.danvan.warehouse.TableName;
import vn.danvan.warehouse.Warehouse;

/** The spine end to end on golden dialogues: landing CSV → bronze → silver/quarantine → gold. */
class SatisfactionPipelineTest {

  private static final LocalDate TODAY = LocalDate.of(2021, 6, 30);
  private static final List<Pipeline.Stage> JOB = TestProvince.TO_GOLD;

  private static TestProvince province;
  private static Warehouse warehouse;
  private static RunLog.Entry firstRun;

  @BeforeAll
  static void runOnce() {
    province = TestProvince.tiny();
    province.write(
        "dialogues/D1/2021-Q1.csv",
        """
        BÁO CÁO KẾT QUẢ TIẾP XÚC, ĐỐI THOẠI QUÝ I/2021
        Đơn vị: Huyện Một

        Mã cuộc,Ngày tổ chức,Tên xã,Cấp chủ trì,Chức danh người chủ trì,Hình thức,Số người tham dự,Số phiếu thu về,Số phiếu hài lòng
        D1-1,05/01/2021,Xã Phố Ràng,Xã,Bí thư,Trực tiếp,120,100,90
        D1-2,10/02/2021,Phố Ràng,xã,Chủ tịch,trực tiếp,60,50,49
        D1-3,15/03/2021,Bảo Hà,Xã,Bí thư,Chuyên đề,12,10,5
        D1-4,31/02/2021,Bảo Hà,Xã,Bí thư,Trực tiếp,50,40,30
        """);
    province.write(
        "dialogues/D2/2021-Q1.csv",
        """
        record_id,held_on,commune_code,host_level,host_role,format,participants,ballots_returned,ballots_satisfied
        D2-1,2021-03-20,C21,commune,secretary_and_chairman,direct,230,200,170
        """);
    JobContext ctx = province.context(TODAY);
    warehouse = ctx.warehouse();
    firstRun = Pipeline.run(ctx, "run", JOB);
  }

  @Test
  void satisfactionIsPooledUpTheHierarchyNotAnAverageOfRates() {
    // D1: commune rates 92.67 % and 50 % average 71.33 %; the pooled 144/160 = 90 % must win.
    assertSat("C11", 139, 150, 92.6666666667, 87.3464206600, 95.8561184800, "met");
    assertSat("C12", 5, 10, 50.0, 23.6593090500, 76.3406909500, "insufficient_data");
    assertSat("D1", 144, 160, 90.0, 84.3737479700, 93.7505564200, "met");
    assertSat("D2", 170, 200, 85.0, 79.3944207200, 89.2864064400, "not_met");
    assertSat("P", 314, 360, 87.2222222222, 83.3764805500, 90.2819752100, "not_met");
  }

  @Test
  void dialoguesAreCountedPerUnitAndPeriod() {
    Map<String, Double> counts = new TreeMap<>();
    for (String unit : List.of("C11", "C12", "C21", "D1", "D2", "P")) {
      counts.put(
          unit, Gold.row(warehouse, "DLG_COUNT", "as_reported", unit, "2021-Q1").getAs("value"));
    }
    assertThat(counts)
        .containsExactlyEntriesOf(
            new TreeMap<>(
                Map.of("C11", 2.0, "C12", 1.0, "C21", 1.0, "D1", 3.0, "D2", 1.0, "P", 4.0)));
    assertThat(
            Gold.row(warehouse, "DLG_COUNT", "as_reported", "C11", "2021-M01")
                .<Double>getAs("value"))
        .as("C11 in January")
        .isEqualTo(1.0);
    assertThat(Gold.row(warehouse, "DLG_COUNT", "as_reported", "P", "2021").<Double>getAs("value"))
        .as("province, year 2021")
        .isEqualTo(4.0);
  }

  @Test
  void aMalformedRowIsQuarantinedWithItsReasonAndTheRestOfItsFileReachesSilver() {
    List<Row> quarantined = warehouse.read(TableName.QUARANTINE).collectAsList();
    assertThat(quarantined).hasSize(1);
    Row row = quarantined.get(0);
    assertThat(row.<String>getAs("source_file")).isEqualTo("dialogues/D1/2021-Q1.csv");
    assertThat(row.<Integer>getAs("source_row")).isEqualTo(4);
    assertThat(row.<Integer>getAs("source_line")).isEqualTo(8);
    assertThat(row.<String>getAs("reason_code")).isEqualTo("NOT_A_DATE");
    assertThat(row.<String>getAs("column")).isEqualTo("held_on");
    assertThat(row.<String>getAs("reason"))
        .isEqualTo("column held_on: '31/02/2021' is not a date (dd/MM/yyyy)");
    assertThat(row.<String>getAs("raw")).contains("\"record_id\":\"D1-4\"");
    List<String> silverIds =
        warehouse
            .read(TableName.silver("dialogues"))
            .orderBy("record_id")
            .select("record_id")
            .as(org.apache.spark.sql.Encoders.STRING())
            .collectAsList();
    assertThat(silverIds).containsExactly("D1-1", "D1-2", "D1-3", "D2-1");
    assertThat(firstRun.rowsIn()).isEqualTo(5);
    assertThat(firstRun.rowsToSilver() + firstRun.rowsToQuarantine()).isEqualTo(5);
  }

  @Test
  void communesNamedLooselyResolveToTheirCodes() {
    Map<String, String> communes = new TreeMap<>();
    for (Row r :
        warehouse
            .read(TableName.silver("dialogues"))
            .select("record_id", "commune_code", "district_code")
            .collectAsList()) {
      communes.put(r.getString(0), r.getString(1) + "/" + r.getString(2));
    }
    assertThat(communes)
        .containsExactlyEntriesOf(
            new TreeMap<>(
                Map.of("D1-1", "C11/D1", "D1-2", "C11/D1", "D1-3", "C12/D1", "D2-1", "C21/D2")));
  }

  @Test
  void provinceTotalsAreEqualOnBothBases() {
    Row reported = Gold.row(warehouse, "SAT_RATE", "as_reported", "P", "2021-Q1");
    Row restated = Gold.row(warehouse, "SAT_RATE", "restated", "P", "2021-Q1");
    assertThat(restated.<Double>getAs("numerator")).isEqualTo(reported.<Double>getAs("numerator"));
    assertThat(restated.<Double>getAs("denominator"))
        .isEqualTo(reported.<Double>getAs("denominator"));
  }

  @Test
  void runningTheJobAgainChangesNoTable() {
    Map<TableName, Long> before = versions();
    List<Row> goldBefore = sorted(warehouse.read(TableName.INDICATOR_VALUES).collectAsList());
    RunLog.Entry second = Pipeline.run(province.context(TODAY), "run", JOB);
    assertThat(second.rowsIn()).isZero();
    assertThat(versions()).isEqualTo(before);
    assertThat(sorted(warehouse.read(TableName.INDICATOR_VALUES).collectAsList()))
        .isEqualTo(goldBefore);
  }

  private static Map<TableName, Long> versions() {
    Map<TableName, Long> versions =
        new TreeMap<>(java.util.Comparator.comparing(TableName::toString));
    for (TableName t : TableName.all()) {
      if (!t.equals(TableName.RUNS)) {
        warehouse.version(t).ifPresent(v -> versions.put(t, v));
      }
    }
    return versions;
  }

  private static List<Row> sorted(List<Row> rows) {
    return rows.stream().sorted(java.util.Comparator.comparing(Row::toString)).toList();
  }

  private static void assertSat(
      String unit,
      double satisfied,
      double returned,
      double value,
      double low,
      double high,
      String status) {
    Row r = Gold.row(warehouse, "SAT_RATE", "as_reported", unit, "2021-Q1");
    assertThat(r.<Double>getAs("numerator")).as("%s numerator", unit).isEqualTo(satisfied);
    assertThat(r.<Double>getAs("denominator")).as("%s denominator", unit).isEqualTo(returned);
    assertThat(r.<Double>getAs("value")).as("%s value", unit).isCloseTo(value, within(1e-9));
    assertThat(r.<Double>getAs("ci_low")).as("%s ci_low", unit).isCloseTo(low, within(1e-7));
    assertThat(r.<Double>getAs("ci_high")).as("%s ci_high", unit).isCloseTo(high, within(1e-7));
    assertThat(r.<String>getAs("status")).as("%s status", unit).isEqualTo(status);
  }
}
