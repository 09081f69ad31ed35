package vn.danvan.pipeline;

import static org.apache.spark.sql.functions.col;
import static org.apache.spark.sql.functions.input_file_name;
import static org.apache.spark.sql.functions.max;
import static org.apache.spark.sql.functions.min;
import static org.assertj.core.api.Assertions.assertThat;

import io.delta.tables.DeltaTable;
import java.time.LocalDate;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import org.apache.spark.sql.Encoders;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.SparkSession;
import org.junit.jupiter.api.Test;
import vn.danvan.job.Pipeline;
import vn.danvan.ops.Reconciliation;
import vn.danvan.ops.RunLog;
import vn.danvan.testing.HeardQueries;
import vn.danvan.testing.TestProvince;
import vn.danvan.warehouse.Maintenance;
import vn.danvan.warehouse.TableComparison;
import vn.danvan.warehouse.TableName;
import vn.danvan.warehouse.Warehouse;

/**
 * Exactly once: reruns change nothing, copies are no-ops, a corrected file replaces its submission.
 */
class ResubmissionTest {

  private static final LocalDate TODAY = LocalDate.of(2021, 12, 31);
  private static final List<Pipeline.Stage> ALL = List.of(Pipeline.Stage.values());
  private static final List<Pipeline.Stage> INGEST_AND_REFINE =
      List.of(Pipeline.Stage.INGEST, Pipeline.Stage.REFINE);
  private static final String HEADER =
      "Mã cuộc,Ngày tổ chức,Tên xã,Cấp chủ trì,Chủ trì,Hình thức,Số người tham dự,Số phiếu thu về,Số phiếu hài lòng\n";
  private static final String FIRST =
      HEADER
          + "A,05/01/2021,Phố Ràng,Xã,Bí thư,Trực tiếp,120,100,80\n"
          + "B,06/01/2021,Phố Ràng,Xã,Bí thư,Trực tiếp,60,50,45\n"
          + "C,07/01/2021,Phố Ràng,Xã,Bí thư,Trực tiếp,30,20,18\n";
  private static final String PETITIONS = "Mã ý kiến,Mã cuộc đối thoại,Ngày nêu,Trả lời tại chỗ\n";
  private static final String CORRECTED =
      HEADER
          + "A,05/01/2021,Phố Ràng,Xã,Bí thư,Trực tiếp,120,100,95\n"
          + "D,08/01/2021,Phố Ràng,Xã,Bí thư,Trực tiếp,70,60,50\n";

  @Test
  void aCorrectedFileReplacesExactlyItsSubmission() {
    TestProvince province = TestProvince.tiny();
    province.write("dialogues/D1/2021-Q1.csv", FIRST);
    province.write(
        "petitions/D1/2021-Q1.csv", PETITIONS + "P-1,A,05/01/2021,Có\nP-2,C,07/01/2021,Có\n");
    province.write(
        "outreach/D2/2021-Q1.csv",
        "Mã,Ngày tổ chức,Tên xã,Đơn vị tổ chức,Số cuộc,Số lượt người nghe\nT-1,10/02/2021,Thanh Bình,Đoàn thể,2,150\n");
    Warehouse warehouse = province.context(TODAY).warehouse();
    RunLog.Entry first = run(province);
    assertThat(first.rowsIn()).isEqualTo(6);
    long dialoguesV1 = warehouse.version(TableName.silver("dialogues")).orElseThrow();
    List<Row> outreachBefore = warehouse.read(TableName.silver("outreach")).collectAsList();

    // Nothing new: no table but ops.runs gets a new version.
    Map<TableName, Long> versions = versions(warehouse);
    RunLog.Entry again = run(province);
    assertThat(again.rowsIn()).isZero();
    assertThat(versions(warehouse)).isEqualTo(versions);

    // The same content under another name is a duplicate: recorded, nothing else.
    province.write("dialogues/D1/2021-Q1-ban-sao.csv", FIRST);
    RunLog.Entry copy = run(province);
    assertThat(copy.filesDuplicate()).isEqualTo(1);
    assertThat(copy.rowsIn()).isZero();
    assertThat(status(warehouse, "dialogues/D1/2021-Q1-ban-sao.csv")).isEqualTo("duplicate");
    assertThat(warehouse.version(TableName.silver("dialogues")).orElseThrow())
        .isEqualTo(dialoguesV1);

    // The district corrects its file: A's count changes, B and C are withdrawn, D is new.
    province.write("dialogues/D1/2021-Q1.csv", CORRECTED);
    RunLog.Entry corrected = run(province);
    assertThat(corrected.rowsIn()).isEqualTo(2);
    assertThat(corrected.rowsRetracted()).isEqualTo(3);
    assertThat(corrected.rowsRechecked()).as("the unit's petitions are checked again").isEqualTo(2);
    assertThat(satisfiedById(warehouse.read(TableName.silver("dialogues")).collectAsList()))
        .containsExactlyEntriesOf(new TreeMap<>(Map.of("A", 95L, "D", 50L)));
    assertThat(
            warehouse
                .read(TableName.silver("petitions"))
                .select("record_id")
                .as(Encoders.STRING())
                .collectAsList())
        .containsExactly("P-1");
    assertThat(
            warehouse
                .read(TableName.QUARANTINE)
                .filter(col("kind").equalTo("petitions"))
                .select("reason_code")
                .as(Encoders.STRING())
                .collectAsList())
        .as("the petition of withdrawn dialogue C")
        .containsExactly("UNKNOWN_DIALOGUE");
    assertThat(warehouse.read(TableName.silver("outreach")).collectAsList())
        .as("another submission is untouched")
        .containsExactlyInAnyOrderElementsOf(outreachBefore);
    assertThat(
            satisfiedById(
                warehouse.readVersion(TableName.silver("dialogues"), dialoguesV1).collectAsList()))
        .as("the superseded state stays readable by time travel")
        .containsExactlyEntriesOf(new TreeMap<>(Map.of("A", 80L, "B", 45L, "C", 18L)));
    assertThat(Reconciliation.mismatches(warehouse)).isEmpty();

    // The petitions follow: P-2 of withdrawn dialogue C is dropped, so none is quarantined now.
    province.write("petitions/D1/2021-Q1.csv", PETITIONS + "P-1,A,05/01/2021,Có\n");
    run(province);
    assertThat(
            warehouse.read(TableName.QUARANTINE).filter(col("kind").equalTo("petitions")).count())
        .as("the quarantined row of the petitions' earlier file, gone with it")
        .isZero();
    assertThat(Reconciliation.mismatches(warehouse)).isEmpty();
  }

  /**
   * A petition is placed through a dialogue held on or before the day it was raised: a later
   * quarter's dialogues check again only the unit's petitions files that hold quarantined rows
   * (whose dates no period bounds), and silver and quarantine end as one run over all the files
   * leaves them.
   */
  @Test
  void aLaterQuartersDialoguesCheckAgainOnlyThePetitionsTheyCanChange() {
    String later = HEADER + "Z,01/10/2021,Phố Ràng,Xã,Bí thư,Trực tiếp,40,30,25\n";
    TestProvince province = TestProvince.tiny();
    TestProvince atOnce = TestProvince.tiny();
    for (TestProvince p : List.of(province, atOnce)) {
      p.write("dialogues/D1/2021-Q1.csv", FIRST);
      // P-9 was raised after its quarter (quarantined) at dialogue Z, not yet reported.
      p.write("petitions/D1/2021-Q1.csv", PETITIONS + "P-1,A,05/01/2021,Có\nP-9,Z,01/10/2021,Có\n");
      p.write("petitions/D1/2021-Q2.csv", PETITIONS + "P-2,B,10/04/2021,Không\n");
    }
    atOnce.write("dialogues/D1/2021-Q4.csv", later);
    run(province);
    Warehouse warehouse = province.context(TODAY).warehouse();
    assertThat(reasonCodes(warehouse, "petitions/D1/2021-Q1.csv", 2))
        .containsExactly("DATE_OUTSIDE_PERIOD", "UNKNOWN_DIALOGUE");

    province.write("dialogues/D1/2021-Q4.csv", later);
    RunLog.Entry q4 = run(province);

    assertThat(q4.rowsRechecked())
        .as("2021-Q1's petitions (P-9 is in quarantine), not 2021-Q2's")
        .isEqualTo(2);
    assertThat(reasonCodes(warehouse, "petitions/D1/2021-Q1.csv", 2))
        .containsExactly("DATE_OUTSIDE_PERIOD");
    assertSilverAsOneRunLeavesIt(warehouse, atOnce);
  }

  /**
   * A corrected figure moves no petition: a unit's petitions are checked again only when what
   * placing them reads of its dialogues (ids, dates, communes) changed, and silver and quarantine
   * end as one run over all the files leaves them.
   */
  @Test
  void aCorrectedFigureLeavesTheUnitsPetitionsUncheckedAndAMovedDialogueChecksThem() {
    String d2 = HEADER + "A,05/02/2021,Thanh Bình,Xã,Bí thư,Trực tiếp,90,80,72\n";
    // D1 corrects A's satisfied ballots; D2 held its A a day later than it first wrote.
    String d1Corrected = FIRST.replace("120,100,80", "120,100,95");
    String d2Moved = d2.replace("05/02/2021", "06/02/2021");
    TestProvince province = TestProvince.tiny();
    TestProvince atOnce = TestProvince.tiny();
    for (TestProvince p : List.of(province, atOnce)) {
      p.write("petitions/D1/2021-Q1.csv", PETITIONS + "P-1,A,05/01/2021,Có\nP-2,C,07/01/2021,Có\n");
      p.write("petitions/D2/2021-Q1.csv", PETITIONS + "P-5,A,05/02/2021,Có\n");
    }
    province.write("dialogues/D1/2021-Q1.csv", FIRST);
    province.write("dialogues/D2/2021-Q1.csv", d2);
    atOnce.write("dialogues/D1/2021-Q1.csv", d1Corrected);
    atOnce.write("dialogues/D2/2021-Q1.csv", d2Moved);
    run(province);
    Warehouse warehouse = province.context(TODAY).warehouse();

    province.write("dialogues/D1/2021-Q1.csv", d1Corrected);
    province.write("dialogues/D2/2021-Q1.csv", d2Moved);
    RunLog.Entry corrected = run(province);

    assertThat(corrected.rowsRechecked())
        .as("D2's petition (its dialogue moved), not D1's two (a figure changed)")
        .isEqualTo(1);
    assertThat(reasonCodes(warehouse, "petitions/D2/2021-Q1.csv", 1))
        .as("P-5 was raised the day before its dialogue now is")
        .containsExactly("UNKNOWN_DIALOGUE");
    assertSilverAsOneRunLeavesIt(warehouse, atOnce);
    assertThat(Reconciliation.mismatches(warehouse)).isEmpty();
  }

  /**
   * Silver is written in files that each hold one range of submissions, so a district's corrected
   * file rewrites only the file holding its submission: the merge skips the others by their range.
   */
  @Test
  void aCorrectedFileRewritesOnlyTheSilverFileHoldingItsSubmission() {
    TestProvince province = TestProvince.tiny();
    String[][] submissions = {
      {"D1", "2021-Q1", "05/01/2021", "Phố Ràng"},
      {"D1", "2021-Q2", "05/04/2021", "Bảo Hà"},
      {"D2", "2021-Q1", "05/02/2021", "Thanh Bình"},
      {"D2", "2021-Q2", "05/05/2021", "Thanh Bình"}
    };
    for (String[] s : submissions) {
      province.write(
          "dialogues/" + s[0] + "/" + s[1] + ".csv",
          HEADER
              + "A,"
              + s[2]
              + ","
              + s[3]
              + ",Xã,Bí thư,Trực tiếp,120,100,80\n"
              + "B,"
              + s[2]
              + ","
              + s[3]
              + ",Xã,Bí thư,Trực tiếp,60,50,45\n");
    }
    Warehouse warehouse = province.context(TODAY).warehouse();
    SparkSession spark = warehouse.spark();
    spark.conf().set(Warehouse.ROWS_PER_FILE_KEY, "2");
    try {
      run(province);
    } finally {
      spark.conf().unset(Warehouse.ROWS_PER_FILE_KEY);
    }
    List<Row> files = fileRanges(warehouse);
    assertThat(files).as("8 rows written 2 to a file").hasSize(4);
    for (int i = 1; i < files.size(); i++) {
      assertThat(files.get(i).getString(1))
          .as("file %s starts after the range of the file before it", files.get(i).getString(0))
          .isGreaterThan(files.get(i - 1).getString(2));
    }

    province.write(
        "dialogues/D2/2021-Q1.csv",
        HEADER + "A,05/02/2021,Thanh Bình,Xã,Bí thư,Trực tiếp,120,100,95\n");
    List<String> merged = HeardQueries.of(() -> run(province)).mergeTargets();

    assertThat(merged)
        .as("no row of D2's 2021-Q1 was or is quarantined: nothing merged into the quarantine")
        .contains(warehouse.path(TableName.silver("dialogues")))
        .doesNotContain(warehouse.path(TableName.QUARANTINE));

    Map<String, String> merge =
        DeltaTable.forPath(spark, warehouse.path(TableName.silver("dialogues")))
            .history(1)
            .select("operationMetrics")
            .first()
            .getJavaMap(0);
    assertThat(merge)
        .as("the merge of D2's corrected 2021-Q1 rewrote one file of four, holding only it")
        .containsEntry("numTargetFilesRemoved", "1")
        .containsEntry("numTargetRowsCopied", "0")
        .containsEntry("numTargetRowsDeleted", "1")
        .containsEntry("numTargetRowsUpdated", "1");
    assertThat(
            warehouse
                .read(TableName.silver("dialogues"))
                .filter(col("submission_id").equalTo("dialogues/D2/2021-Q1"))
                .select("ballots_satisfied")
                .as(Encoders.LONG())
                .collectAsList())
        .containsExactly(95L);
    assertThat(warehouse.read(TableName.silver("dialogues")).count()).isEqualTo(7);
    assertThat(Reconciliation.mismatches(warehouse)).isEmpty();
  }

  /**
   * The weekly maintenance changes no data: compaction, vacuum and silver's files laid out again
   * leave gold and the reference tables up to date, so the next run with nothing new writes no
   * table but ops.runs (gold was recomputed whole when a maintenance commit hid its note).
   */
  @Test
  void afterMaintenanceARunWithNothingNewWritesNoTable() {
    TestProvince province = TestProvince.tiny();
    province.write("dialogues/D1/2021-Q1.csv", FIRST);
    province.write(
        "dialogues/D2/2021-Q1.csv",
        HEADER + "A,05/02/2021,Thanh Bình,Xã,Bí thư,Trực tiếp,90,80,72\n");
    province.write("petitions/D1/2021-Q1.csv", PETITIONS + "P-1,A,05/01/2021,Có\n");
    Warehouse warehouse = province.context(TODAY).warehouse();
    warehouse.spark().conf().set(Warehouse.ROWS_PER_FILE_KEY, "1");
    try {
      Pipeline.run(province.context(TODAY), "run", ALL);
    } finally {
      warehouse.spark().conf().unset(Warehouse.ROWS_PER_FILE_KEY);
    }
    assertThat(fileRanges(warehouse)).as("two submissions, a file each").hasSize(2);

    List<Row> before = warehouse.read(TableName.silver("dialogues")).collectAsList();
    Maintenance.run(warehouse, 30);
    assertThat(fileRanges(warehouse)).as("laid out again in one file").hasSize(1);
    assertThat(warehouse.read(TableName.silver("dialogues")).collectAsList())
        .containsExactlyInAnyOrderElementsOf(before);
    Map<TableName, Long> maintained = versions(warehouse);
    RunLog.Entry next = Pipeline.run(province.context(TODAY), "run", ALL);

    assertThat(next.goldComputed()).as("gold found up to date").isFalse();
    assertThat(versions(warehouse)).isEqualTo(maintained);
  }

  /** Runs {@code atOnce} over all its files; its silver tables must equal {@code warehouse}'s. */
  private static void assertSilverAsOneRunLeavesIt(Warehouse warehouse, TestProvince atOnce) {
    run(atOnce);
    assertThat(
            TableComparison.compare(
                    warehouse, atOnce.context(TODAY).warehouse(), t -> t.layer().equals("silver"))
                .stream()
                .map(TableComparison.Result::toString))
        .contains("silver.dialogues: same", "silver.petitions: same", "silver.quarantine: same")
        .allMatch(r -> r.endsWith(": same"));
  }

  /** Each data file of silver.dialogues with the first and last submission it holds, in order. */
  private static List<Row> fileRanges(Warehouse warehouse) {
    return warehouse
        .read(TableName.silver("dialogues"))
        .groupBy(input_file_name().as("file"))
        .agg(min("submission_id").as("first"), max("submission_id").as("last"))
        .orderBy("first")
        .collectAsList();
  }

  private static RunLog.Entry run(TestProvince province) {
    return Pipeline.run(province.context(TODAY), "run", INGEST_AND_REFINE);
  }

  /** The reasons the quarantined row {@code row} of {@code file} fails. */
  private static List<String> reasonCodes(Warehouse warehouse, String file, int row) {
    return warehouse
        .read(TableName.QUARANTINE)
        .filter(col("source_file").equalTo(file).and(col("source_row").equalTo(row)))
        .select("reason_codes")
        .first()
        .getList(0);
  }

  private static String status(Warehouse warehouse, String file) {
    return warehouse
        .read(TableName.FILES)
        .filter(col("source_file").equalTo(file))
        .first()
        .getAs("status");
  }

  private static Map<String, Long> satisfiedById(List<Row> rows) {
    Map<String, Long> result = new TreeMap<>();
    rows.forEach(r -> result.put(r.getAs("record_id"), r.getAs("ballots_satisfied")));
    return result;
  }

  private static Map<TableName, Long> versions(Warehouse warehouse) {
    Map<TableName, Long> versions = new TreeMap<>(Comparator.comparing(TableName::toString));
    for (TableName t : TableName.all()) {
      if (!t.equals(TableName.RUNS)) {
        warehouse.version(t).ifPresent(v -> versions.put(t, v));
      }
    }
    return versions;
  }
}
