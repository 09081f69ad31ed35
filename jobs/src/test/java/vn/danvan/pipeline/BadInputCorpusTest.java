package vn.danvan.pipeline;

import static org.apache.spark.sql.functions.col;
import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.time.LocalDate;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import org.apache.poi.ss.usermodel.Row;
import org.apache.poi.ss.usermodel.Sheet;
import org.apache.poi.ss.util.CellRangeAddress;
import org.apache.poi.xssf.usermodel.XSSFWorkbook;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import vn.danvan.job.Pipeline;
import vn.danvan.ops.Reconciliation;
import vn.danvan.ops.RunLog;
import vn.danvan.testing.TestProvince;
import vn.danvan.text.LegacyVietnamese;
import vn.danvan.text.Windows1258;
import vn.danvan.warehouse.TableName;
import vn.danvan.warehouse.Warehouse;

/**
 * The bad-input corpus: files that cannot be read, and rows wrong in every way a district gets them
 * wrong. Each ends as a rejected file or a quarantined row with its reason; nothing is lost.
 */
class BadInputCorpusTest {

  private static final String UNITS =
      TestProvince.TINY_UNITS + "C13,Xã Bảo Hà,commune,D1,2000-01-01,,III,0.5,1000,500,2019,test\n";
  private static final String DIALOGUES_HEADER =
      "Mã cuộc,Ngày tổ chức,Tên xã,Cấp chủ trì,Chức danh người chủ trì,Hình thức,Số người tham dự,"
          + "Số ý kiến kiến nghị,Số ý kiến trả lời tại chỗ,Số phiếu thu về,Số phiếu hài lòng,Ghi chú\n";

  private static TestProvince province;
  private static Warehouse warehouse;
  private static RunLog.Entry run;

  @BeforeAll
  static void ingestTheCorpus() throws IOException {
    province = TestProvince.create(UNITS, "from_code,to_code,effective_on,weight,note\n");
    province.write(
        "dialogues/D1/2021-Q1.csv",
        DIALOGUES_HEADER
            + "OK-1,05/01/2021,Phố Ràng,Xã,Bí thư,Trực tiếp,120,4,2,100,90,Gọi 0912 345 678 để hẹn\n"
            + "MISSING,,Phố Ràng,Xã,Bí thư,Trực tiếp,120,,,100,90,\n"
            + "NUMBER,05/01/2021,Phố Ràng,Xã,Bí thư,Trực tiếp,một trăm,,,100,90,\n"
            + "FRACTION,05/01/2021,Phố Ràng,Xã,Bí thư,Trực tiếp,\"12,5\",,,,,\n"
            + "NEGATIVE,05/01/2021,Phố Ràng,Xã,Bí thư,Trực tiếp,-5,,,,,\n"
            + "DATE,32/01/2021,Phố Ràng,Xã,Bí thư,Trực tiếp,120,,,,,\n"
            + "ENUM,05/01/2021,Phố Ràng,Xã,Giám đốc,Trực tiếp,120,,,,,\n"
            + "UNKNOWN,05/01/2021,Phố Rang Xuân,Xã,Bí thư,Trực tiếp,120,,,,,\n"
            + "AMBIGUOUS,05/01/2021,Bảo Hà,Xã,Bí thư,Trực tiếp,120,,,,,\n"
            + "OUTSIDE,05/01/2021,Thanh Bình,Xã,Bí thư,Trực tiếp,120,,,,,\n"
            + "PERIOD,05/04/2021,Phố Ràng,Xã,Bí thư,Trực tiếp,120,,,,,\n"
            + "RULE,05/01/2021,Phố Ràng,Xã,Bí thư,Trực tiếp,120,3,5,100,90,\n"
            + "DUP,05/01/2021,Phố Ràng,Xã,Bí thư,Trực tiếp,120,,,,,\n"
            + "DUP,06/01/2021,Phố Ràng,Xã,Bí thư,Trực tiếp,120,,,,,\n"
            + "NOUNIT,06/01/2021,,Xã,Bí thư,Trực tiếp,120,,,,,\n");
    province.write(
        "dialogues/D1/2022-Q3.csv",
        DIALOGUES_HEADER + "FUTURE,05/07/2022,Phố Ràng,Xã,Bí thư,Trực tiếp,120,,,,,\n");
    province.write(
        "petitions/D1/2021-Q1.csv",
        "Mã ý kiến,Mã cuộc đối thoại,Ngày nêu,Lĩnh vực,Trả lời tại chỗ,Ngày giải quyết,Người kiến nghị,Số điện thoại\n"
            + "P-1,OK-1,05/01/2021,Đất đai,Có,05/01/2021,Nguyễn Văn Minh,0912345678\n"
            + "P-2,OK-1,05/01/2021,Đất đai,Không,02/01/2021,Trần Thị Hoa,\n"
            + "P-3,NONE-9,05/01/2021,Đất đai,Không,,Lò Văn Thắng,\n"
            + "P-4,OK-1,05/01/2021,Đất đai,Có lẽ,,Giàng A Páo,\n");
    // Windows-1258 with tone marks as separate characters, a TCVN3 name, tab-separated.
    province.write(
        "outreach/D2/2021-Q1.csv",
        Windows1258.encode(
            "Mã\tNgày tổ chức\tTên xã\tĐơn vị tổ chức\tNội dung tuyên truyền\tSố cuộc\tSố lượt người nghe\r\n"
                + "T-1\t10/02/2021\t"
                + LegacyVietnamese.toTcvn3("Xã Thanh Bình")
                + "\tỦy ban MTTQ\tPhòng chống ma túy\t3\t1.250\r\n"));
    province.write(
        "outreach/D1/2021-Q1.csv",
        ("\uFEFF"
                + "Mã,Ngày tổ chức,Tên xã,Đơn vị tổ chức,Số cuộc,Số lượt người nghe\n"
                + "T-2,10/02/2021,Phố Ràng,Đoàn thể,4,3\n")
            .getBytes(StandardCharsets.UTF_16LE));
    province.write("drives/D1/2021-Q1.xlsx", workbook());
    province.write("drives/D2/2021-Q1.csv", new byte[] {0x50, 0x4B, 3, 4, 0, 0, 0, 9, 9, 0, 0, 1});
    province.write("visits/D1/2021-Q1.csv", DIALOGUES_HEADER);
    province.write("dialogues/D2/bao-cao-quy-1.csv", DIALOGUES_HEADER);
    province.write("dialogues/D2/2021-Q1.csv", "Báo cáo chưa có số liệu\nXin gửi sau\n");
    province.write(
        "dialogues/D2/2021-Q2.csv", "Mã cuộc,Tên xã,Số người tham dự\nX-1,Thanh Bình,5\n");
    province.write("dialogues/D2/2021-Q3.csv", DIALOGUES_HEADER);
    province.write(
        "models/D1/2021-H1.csv",
        "Mã mô hình,Tên xã,Tên mô hình,Tập thể/cá nhân,Lĩnh vực,Ngày đăng ký,Trạng thái,Ngày cập nhật,Cấp công nhận\n"
            + "M-1,Phố Ràng,Chè sạch,Tập thể,Kinh tế,10/01/2021,Khen thưởng,10/03/2021,Xã\n"
            + "M-1,Phố Ràng,Chè sạch,Tập thể,Kinh tế,10/01/2021,Đăng ký,10/06/2021,\n");
    province.write(
        "models/D1/2021-H2.csv",
        "Mã mô hình,Tên xã,Tên mô hình,Tập thể/cá nhân,Lĩnh vực,Ngày đăng ký,Trạng thái,Ngày cập nhật,Cấp công nhận\n"
            + "M-2,Phố Ràng,Camera an ninh,Tập thể,Quốc phòng - an ninh,10/01/2021,Công nhận,10/03/2021,Xã\n"
            + "M-3,Phố Ràng,Nuôi cá,Cá nhân,Kinh tế,10/01/2021,Dừng,10/03/2021,\n");
    province.write(
        "models/D1/2022-H1.csv",
        "Mã mô hình,Tên xã,Tên mô hình,Tập thể/cá nhân,Lĩnh vực,Ngày đăng ký,Trạng thái,Ngày cập nhật,Cấp công nhận\n"
            + "M-2,Phố Ràng,Camera an ninh,Tập thể,Quốc phòng - an ninh,10/01/2021,Đăng ký,10/03/2022,\n"
            + "M-3,Phố Ràng,Nuôi cá,Cá nhân,Kinh tế,10/01/2021,Công nhận,10/03/2022,Xã\n");
    var ctx = province.context(LocalDate.of(2022, 6, 1));
    warehouse = ctx.warehouse();
    run = Pipeline.run(ctx, "run", List.of(Pipeline.Stage.INGEST, Pipeline.Stage.REFINE));
  }

  @Test
  void filesThatCannotBeReadAreRejectedWithTheirReason() {
    Map<String, String> rejected = new TreeMap<>();
    for (var r :
        warehouse
            .read(TableName.FILES)
            .filter(col("status").equalTo("rejected"))
            .select("source_file", "reason_code")
            .collectAsList()) {
      rejected.put(r.getString(0), r.getString(1));
    }
    assertThat(rejected)
        .containsExactlyEntriesOf(
            new TreeMap<>(
                Map.of(
                    "dialogues/D2/2021-Q1.csv", "NO_HEADER",
                    "dialogues/D2/2021-Q2.csv", "MISSING_COLUMN",
                    "dialogues/D2/2021-Q3.csv", "EMPTY_FILE",
                    "dialogues/D2/bao-cao-quy-1.csv", "BAD_FILE_NAME",
                    "drives/D2/2021-Q1.csv", "UNREADABLE_FILE",
                    "visits/D1/2021-Q1.csv", "BAD_FILE_NAME")));
  }

  @Test
  void everyBadRowIsQuarantinedWithItsReason() {
    Map<String, String> reasons = new TreeMap<>();
    for (var r :
        warehouse
            .read(TableName.QUARANTINE)
            .select("raw", "reason_code", "source_row")
            .collectAsList()) {
      String raw = r.getString(0);
      String id = raw.replaceAll(".*\"record_id\":\"([^\"]*)\".*", "$1");
      reasons.merge(id, r.getString(1), (a, b) -> a + "," + b);
    }
    Map<String, String> expected = new TreeMap<>();
    expected.put("MISSING", "MISSING_REQUIRED");
    expected.put("NUMBER", "NOT_A_NUMBER");
    expected.put("FRACTION", "NOT_WHOLE");
    expected.put("NEGATIVE", "NEGATIVE");
    expected.put("DATE", "NOT_A_DATE");
    expected.put("ENUM", "NOT_IN_VOCABULARY");
    expected.put("UNKNOWN", "UNKNOWN_UNIT");
    expected.put("AMBIGUOUS", "AMBIGUOUS_UNIT");
    expected.put("OUTSIDE", "UNIT_OUTSIDE_REPORTING_UNIT");
    expected.put("PERIOD", "DATE_OUTSIDE_PERIOD");
    expected.put("FUTURE", "DATE_IN_FUTURE");
    expected.put("RULE", "ANSWERED_EXCEEDS_RAISED");
    expected.put("DUP", "DUPLICATE_RECORD_ID,DUPLICATE_RECORD_ID");
    expected.put("NOUNIT", "MISSING_UNIT");
    expected.put("P-2", "RESOLVED_BEFORE_RAISED");
    expected.put("P-3", "UNKNOWN_DIALOGUE");
    expected.put("P-4", "NOT_A_BOOLEAN");
    expected.put("T-2", "PARTICIPANTS_BELOW_SESSIONS");
    expected.put("M-1", "DUPLICATE_RECORD_ID,DUPLICATE_RECORD_ID");
    expected.put("M-2", "BAD_LIFECYCLE");
    expected.put("M-3", "BAD_LIFECYCLE");
    assertThat(reasons).containsExactlyEntriesOf(expected);
  }

  @Test
  void legacyTextEncodingsAndWorkbooksReachSilverReadCorrectly() {
    var outreach =
        warehouse
            .read(TableName.silver("outreach"))
            .filter(col("record_id").equalTo("T-1"))
            .first();
    assertThat(outreach.<String>getAs("commune_code")).isEqualTo("C21");
    assertThat(outreach.<String>getAs("organiser")).isEqualTo("fatherland_front");
    assertThat(outreach.<Long>getAs("participants")).isEqualTo(1250L);
    List<String> drives =
        warehouse
            .read(TableName.silver("drives"))
            .orderBy("record_id")
            .selectExpr(
                "concat_ws('|', record_id, commune_code, participants, cast(labour_days as string), cast(value_vnd as string), cast(held_on as string))")
            .as(org.apache.spark.sql.Encoders.STRING())
            .collectAsList();
    assertThat(drives)
        .containsExactly(
            "R-1|C11|120|180.00|1500000000|2021-02-03", "R-2|C11|40|60.00|25000000|2021-03-04");
  }

  @Test
  void personalDataNeverReachesSilverAndBronzeKeepsItHashed() {
    String bronze =
        warehouse
            .read(TableName.bronze("petitions"))
            .filter(col("record_id").equalTo("P-1"))
            .first()
            .getAs("petitioner");
    assertThat(bronze).startsWith("sha256:").doesNotContain("Nguyễn");
    assertThat(warehouse.read(TableName.silver("petitions")).columns())
        .doesNotContain("petitioner", "petitioner_phone");
    String everything =
        warehouse.read(TableName.QUARANTINE).select("raw").collectAsList().toString()
            + warehouse.read(TableName.silver("dialogues")).select("notes").collectAsList();
    assertThat(everything)
        .doesNotContain("Trần Thị Hoa", "0912", "345 678")
        .contains("Gọi [SĐT] để hẹn");
  }

  @Test
  void everyRowIsInSilverOrQuarantine() {
    assertThat(Reconciliation.mismatches(warehouse)).isEmpty();
    assertThat(run.rowsIn())
        .isEqualTo(run.rowsToSilver() + run.rowsToQuarantine() + run.rowsSuperseded());
    assertThat(run.filesRejected()).isEqualTo(6);
  }

  /**
   * A workbook as districts make them: a title, a merged two-line header, formulas, text numbers.
   */
  private static byte[] workbook() throws IOException {
    try (XSSFWorkbook wb = new XSSFWorkbook()) {
      Sheet sheet = wb.createSheet("Ra quân");
      sheet.createRow(0).createCell(0).setCellValue("KẾT QUẢ RA QUÂN QUÝ I/2021");
      Row upper = sheet.createRow(2);
      Row lower = sheet.createRow(3);
      String[] top = {"Mã", "Ngày thực hiện", "Tên xã", "Số người tham gia", "Kết quả", "Kết quả"};
      String[] bottom = {"", "", "", "", "Số ngày công", "Giá trị (đồng)"};
      for (int c = 0; c < top.length; c++) {
        upper.createCell(c).setCellValue(top[c]);
        lower.createCell(c).setCellValue(bottom[c]);
      }
      sheet.addMergedRegion(new CellRangeAddress(2, 2, 4, 5));
      var dates = wb.createCellStyle();
      dates.setDataFormat(wb.createDataFormat().getFormat("dd/mm/yyyy"));
      Object[][] rows = {
        {"R-1", java.time.LocalDate.of(2021, 2, 3), "Phố Ràng", "120", "=D5*1.5", "1,5 tỷ"},
        {"R-2", java.time.LocalDate.of(2021, 3, 4), "Xã Phố Ràng", 40.0, "=D6*1.5", 25000000.0}
      };
      for (int r = 0; r < rows.length; r++) {
        Row row = sheet.createRow(4 + r);
        for (int c = 0; c < rows[r].length; c++) {
          var cell = row.createCell(c);
          Object v = rows[r][c];
          if (v instanceof java.time.LocalDate d) {
            cell.setCellValue(d);
            cell.setCellStyle(dates);
          } else if (v instanceof Double d) {
            cell.setCellValue(d);
          } else if (((String) v).startsWith("=")) {
            cell.setCellFormula(((String) v).substring(1));
          } else {
            cell.setCellValue((String) v);
          }
        }
      }
      // "120" is text: the formula sees it as 0 unless evaluated over a number, so cache by hand.
      sheet.getRow(4).getCell(3).setCellValue(120.0);
      wb.getCreationHelper().createFormulaEvaluator().evaluateAll();
      sheet.getRow(4).getCell(3).setCellValue("120");
      ByteArrayOutputStream out = new ByteArrayOutputStream();
      wb.write(out);
      return out.toByteArray();
    }
  }
}
