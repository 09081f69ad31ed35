package vn.danvan.ingest;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.Charset;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import vn.danvan.schema.RecordKinds;
import vn.danvan.testing.TestProvince;
import vn.danvan.text.CsvTable;
import vn.danvan.text.NumberConvention;
import vn.danvan.text.Windows1258;

class SubmissionParserTest {

  private static final HeaderAliases ALIASES =
      HeaderAliases.from(
          CsvTable.read(
              "header_aliases.csv",
              stream(TestProvince.repository().resolve("data/reference/header_aliases.csv"))));
  private static final LandingFile FILE = LandingFile.parse("dialogues/BY/2021-Q1.csv");
  private static final String HEADER =
      "Mã cuộc,Ngày tổ chức,Tên xã,Cấp chủ trì,Chức danh người chủ trì,Hình thức,Số người tham dự\n";

  @Test
  void findsTheHeaderBelowATitleBlockAndKeepsCellsAsWritten() {
    ParsedSubmission parsed =
        parse(
            "BÁO CÁO KẾT QUẢ TIẾP XÚC\nHuyện Bảo Yên, quý I/2021\n\n"
                + HEADER
                + "D1,05/01/2021,Phố Ràng,Xã,Bí thư,Trực tiếp,1.230\n\nD2,06/01/2021,Bảo Hà,Xã,Bí thư,Trực tiếp,64\n",
            StandardCharsets.UTF_8);
    assertThat(parsed.rejectCode()).isNull();
    assertThat(parsed.headerLine()).isEqualTo(4);
    assertThat(parsed.rows()).hasSize(2);
    ParsedSubmission.DataRow second = parsed.rows().get(1);
    assertThat(second.sourceRow()).as("blank rows keep their number").isEqualTo(3);
    assertThat(second.sourceLine()).isEqualTo(7);
    assertThat(value(parsed.rows().get(0), "participants")).isEqualTo("1.230");
    assertThat(value(second, "commune_name")).isEqualTo("Bảo Hà");
    // "1.230" alone reads as grouping or as a decimal: the file does not tell its convention.
    assertThat(parsed.convention()).isEqualTo(NumberConvention.UNKNOWN);
  }

  @Test
  void readsWindows1258AndUtf16Files() {
    String text = HEADER + "D1,05/01/2021,Xã Xuân Hòa,Xã,Bí thư,Trực tiếp,64\n";
    for (Charset charset :
        new Charset[] {
          Charset.forName("windows-1258"), StandardCharsets.UTF_16LE, StandardCharsets.UTF_16
        }) {
      String tabbed = text.replace(',', '\t');
      byte[] bytes =
          charset.name().equals("windows-1258")
              ? Windows1258.encode(tabbed)
              : tabbed.getBytes(charset);
      if (charset.equals(StandardCharsets.UTF_16LE)) {
        bytes = concat(new byte[] {(byte) 0xFF, (byte) 0xFE}, bytes);
      }
      ParsedSubmission parsed =
          new SubmissionParser(RecordKinds.of("dialogues"), ALIASES, false)
              .parse(FILE, bytes, null);
      assertThat(parsed.rejectCode()).as(charset.name()).isNull();
      assertThat(vn.danvan.text.VietnameseText.clean(value(parsed.rows().get(0), "commune_name")))
          .as(charset.name())
          .isEqualTo("Xã Xuân Hòa");
    }
  }

  @Test
  void aFileWithoutARequiredColumnIsRejectedNamingIt() {
    ParsedSubmission parsed =
        parse(
            "Mã cuộc,Tên xã,Cấp chủ trì,Chủ trì,Hình thức,Số người\nD1,Bảo Hà,Xã,Bí thư,Trực tiếp,5\n",
            StandardCharsets.UTF_8);
    assertThat(parsed.rejectCode()).isEqualTo("MISSING_COLUMN");
    assertThat(parsed.rejectDetail()).isEqualTo("held_on (\"Ngày tổ chức\")");
  }

  @Test
  void aFileWithNoRecognisableHeaderIsRejected() {
    assertThat(parse("a,b,c\n1,2,3\n", StandardCharsets.UTF_8).rejectCode()).isEqualTo("NO_HEADER");
    assertThat(parse(HEADER, StandardCharsets.UTF_8).rejectCode()).isEqualTo("EMPTY_FILE");
  }

  @Test
  void binaryContentIsRejected() {
    ParsedSubmission parsed =
        new SubmissionParser(RecordKinds.of("dialogues"), ALIASES, false)
            .parse(FILE, new byte[] {0x50, 0x4B, 0x03, 0x04, 0, 0, 0, 0, 1, 2, 3}, null);
    assertThat(parsed.rejectCode()).isEqualTo("UNREADABLE_FILE");
  }

  private static ParsedSubmission parse(String text, Charset charset) {
    return new SubmissionParser(RecordKinds.of("dialogues"), ALIASES, false)
        .parse(FILE, text.getBytes(charset), null);
  }

  private static String value(ParsedSubmission.DataRow row, String column) {
    return row.values().get(RecordKinds.of("dialogues").columnNames().indexOf(column));
  }

  private static byte[] concat(byte[] a, byte[] b) {
    byte[] all = new byte[a.length + b.length];
    System.arraycopy(a, 0, all, 0, a.length);
    System.arraycopy(b, 0, all, a.length, b.length);
    return all;
  }

  private static java.io.InputStream stream(Path file) {
    try {
      return java.nio.file.Files.newInputStream(file);
    } catch (java.io.IOException e) {
      throw new java.io.UncheckedIOException(e);
    }
  }
}
