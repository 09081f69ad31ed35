package vn.danvan.publish;

import static org.assertj.core.api.Assertions.assertThat;

import java.awt.Font;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.apache.pdfbox.Loader;
import org.apache.pdfbox.pdmodel.PDDocument;
import org.apache.pdfbox.text.PDFTextStripper;
import org.jfree.chart.ui.Drawable;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import vn.danvan.period.Period;
import vn.danvan.testing.HtmlTables;

/** The pack's documents from a hand-made {@link PackData}: escaping, glyphs, PDF text, CSV. */
class PackDocumentsTest {

  private static final String HOSTILE = "<script>alert(1)</script>";
  private static final String FORMULA = "=HYPERLINK(\"http://example.com\",\"bấm vào đây\")";

  @Test
  void everyTextOfTheHtmlIsEscaped() {
    String html =
        HtmlPack.of(
            pack(), Labels.of("vi"), "Lập lúc 21/11/2026", charts(), List.of("indicators.csv"));
    assertThat(html).doesNotContain(HOSTILE).contains("&lt;script&gt;alert(1)&lt;/script&gt;");
    assertThat(html.split("<script>", -1)).as("only the page's own self-check script").hasSize(2);
    assertThat(html).contains("Tỷ lệ hài lòng").contains("data:image/png;base64,");
  }

  @Test
  void theOutliersNameTheIndicatorAndWhatTheValueWasComparedWith() {
    String html = HtmlPack.of(pack(), Labels.of("vi"), "Lập lúc 21/11/2026", Map.of(), List.of());
    assertThat(HtmlTables.rows(html, "Giá trị bất thường cần xem lại"))
        .containsExactly(
            "Chỉ tiêu | Đơn vị | Giá trị | Mức đối chiếu | Phương pháp | Điểm",
            "Tỷ lệ hài lòng | <script>alert(1)</script> | 50,0 % | 91,5 % | Khác xa trung vị các"
                + " đơn vị cùng cấp (điểm z hiệu chỉnh) | -27,00",
            "Giá trị huy động | Xã Bản Qua | 1,8 tỷ đồng | 450.000.000 đồng | Khác xa bình quân"
                + " ba năm trước (tỷ số) | 3,99");
  }

  @Test
  void csvExtractsOpenInExcelWithFormulasNeutralised() throws IOException {
    Path file = Files.createTempFile("league", ".csv");
    CsvExtracts.write(
        file,
        List.of("unit_name", "value", "change"),
        List.of(
            List.of(FORMULA, 95.5, -1.25),
            List.of("+84 912 345 678", 90.0, 0.5),
            List.of("@sum", 1, 2)));
    byte[] bytes = Files.readAllBytes(file);
    assertThat(new byte[] {bytes[0], bytes[1], bytes[2]}).containsExactly(0xEF, 0xBB, 0xBF);
    List<String> lines = Files.readAllLines(file, StandardCharsets.UTF_8);
    assertThat(lines.get(1))
        .isEqualTo("\"'=HYPERLINK(\"\"http://example.com\"\",\"\"bấm vào đây\"\")\",95.5,-1.25");
    assertThat(lines.get(2)).isEqualTo("'+84 912 345 678,90,0.5");
    assertThat(lines.get(3)).isEqualTo("'@sum,1,2");
  }

  @Test
  void thePdfCarriesItsTextWithTheFontEmbedded() throws IOException {
    Path file = Files.createTempFile("review", ".pdf");
    PdfPack.write(file, pack(), Labels.of("vi"), "Lập lúc 21/11/2026", charts());
    try (PDDocument doc = Loader.loadPDF(file.toFile())) {
      String text = new PDFTextStripper().getText(doc);
      assertThat(text)
          .contains("Tỷ lệ hài lòng")
          .contains("Báo cáo sơ kết công tác dân vận")
          .contains("Huyện Bảo Yên");
      assertThat(doc.getPage(0).getResources().getFontNames())
          .allSatisfy(
              name ->
                  assertThat(doc.getPage(0).getResources().getFont(name).isEmbedded()).isTrue());
      assertThat(doc.getNumberOfPages()).isEqualTo(1 + charts().size() + 2);
    }
  }

  @ParameterizedTest
  @ValueSource(strings = {"vi", "en"})
  void everyLabelTheChartsDrawHasAGlyphInTheShippedFont(String lang) {
    Font font = ChartFonts.regular(12);
    Map<String, Drawable> charts = PackCharts.of(pack(), Labels.of(lang));
    assertThat(charts.keySet())
        .containsExactly(
            "sat_rate_trend", "sat_rate_league", "sat_rate_funnel", "em_outreach", "models");
    List<String> drawn = new ArrayList<>();
    for (Map.Entry<String, Drawable> chart : charts.entrySet()) {
      Matcher m =
          Pattern.compile(">([^<>]+)</text>").matcher(ChartFiles.svg(chart.getValue(), false));
      while (m.find()) {
        String text = org.apache.commons.text.StringEscapeUtils.unescapeXml(m.group(1));
        drawn.add(text);
        assertThat(font.canDisplayUpTo(text)).as("'%s' in %s", text, chart.getKey()).isEqualTo(-1);
      }
    }
    assertThat(drawn).isNotEmpty();
    if (lang.equals("vi")) {
      assertThat(drawn).contains("Tỷ lệ hài lòng (%)", "Toàn tỉnh", "Xây dựng hệ thống chính trị");
    }
  }

  @Test
  void manyUnitsGetSmallMultiples() {
    assertThat(PackCharts.of(pack(), Labels.of("vi")).get("sat_rate_trend"))
        .isInstanceOf(org.jfree.chart.JFreeChart.class);
    PackData many = pack(20);
    assertThat(PackCharts.of(many, Labels.of("vi")).get("sat_rate_trend"))
        .isInstanceOf(SmallMultiples.class);
    assertThat(ChartFiles.png(PackCharts.of(many, Labels.of("vi")).get("sat_rate_trend"), 1))
        .isNotEmpty();
  }

  /**
   * Small multiples label each period under its point when the labels fit, and the first and last
   * period under the axis when they would be cut (a nation's 100 communes: "III…" before).
   */
  @Test
  void smallMultiplesNeverDrawACutPeriodLabel() {
    List<String> few = drawnTexts(pack(20));
    assertThat(few).contains("I/24", "II/24", "III/24", "IV/24").doesNotContain("I/24 – IV/24");

    List<String> many = drawnTexts(pack(100));
    assertThat(many).contains("I/24 – IV/24").doesNotContain("II/24", "III/24");
    assertThat(many).noneMatch(t -> t.contains("...") || t.contains("…"));
  }

  @Test
  void theChartsWriteAPercentageAsTheTablesDo() {
    Map<String, Drawable> charts = PackCharts.of(pack(), Labels.of("vi"));
    assertThat(drawnTexts(charts.get("sat_rate_funnel")))
        .anyMatch(t -> t.contains("quanh tỷ lệ toàn tỉnh 90,0 %;"));
    assertThat(drawnTexts(charts.get("sat_rate_league")))
        .anyMatch(t -> t.contains("đường dọc: toàn tỉnh 90,0 %;"));
    assertThat(drawnTexts(charts.get("sat_rate_trend"))).contains("Mục tiêu 90 %");
  }

  /** The texts the SVG of {@code data}'s trend chart draws. */
  private static List<String> drawnTexts(PackData data) {
    Drawable trend = PackCharts.of(data, Labels.of("vi")).get("sat_rate_trend");
    assertThat(trend).isInstanceOf(SmallMultiples.class);
    return drawnTexts(trend);
  }

  /** The texts the SVG of {@code chart} draws. */
  private static List<String> drawnTexts(Drawable chart) {
    Matcher m = Pattern.compile(">([^<>]+)</text>").matcher(ChartFiles.svg(chart, false));
    List<String> texts = new ArrayList<>();
    while (m.find()) {
      texts.add(org.apache.commons.text.StringEscapeUtils.unescapeXml(m.group(1)));
    }
    return texts;
  }

  private static Map<String, byte[]> charts() {
    Map<String, byte[]> charts = new LinkedHashMap<>();
    PackCharts.of(pack(), Labels.of("vi"))
        .forEach((name, chart) -> charts.put(name, ChartFiles.png(chart, 0.5)));
    return charts;
  }

  private static PackData pack() {
    return pack(3);
  }

  /** A province with {@code units} districts, one of them named hostilely. */
  private static PackData pack(int units) {
    List<String> codes = new ArrayList<>();
    List<PackData.LeagueRow> league = new ArrayList<>();
    List<PackData.TrendPoint> trend = new ArrayList<>();
    List<PackData.FunnelPoint> funnel = new ArrayList<>();
    List<PackData.OutreachRow> outreach = new ArrayList<>();
    for (int i = 0; i < units; i++) {
      String code = "D" + i;
      String name = i == 0 ? "Huyện Bảo Yên" : i == 1 ? HOSTILE : "Huyện Mường Khương " + i;
      codes.add(code);
      double value = 85 + i;
      league.add(
          new PackData.LeagueRow(
              code,
              name,
              value,
              value - 1.5,
              value + 1.5,
              400.0,
              i + 1,
              1 + i % 4,
              false,
              "not_significant",
              0.5));
      for (String q : List.of("2024-Q1", "2024-Q2", "2024-Q3", "2024-Q4")) {
        trend.add(new PackData.TrendPoint(code, name, false, q, value + q.charAt(6) - '0'));
      }
      funnel.add(new PackData.FunnelPoint(code, name, value * 4, 400));
      outreach.add(new PackData.OutreachRow(code, name, 2000.0 + i, 500.0 + i));
    }
    for (String q : List.of("2024-Q1", "2024-Q2", "2024-Q3", "2024-Q4")) {
      trend.add(new PackData.TrendPoint("P", "Tỉnh Lào Cai", true, q, 90.0));
    }
    return new PackData(
        Period.of("2024-Q4"),
        "as_reported",
        "P",
        "Tỉnh Lào Cai",
        "district",
        codes,
        List.of(
            new PackData.IndicatorRow(
                "SAT_RATE",
                "Tỷ lệ hài lòng",
                "%",
                "%",
                900.0,
                1000.0,
                90.0,
                88.0,
                91.7,
                90.0,
                "met"),
            new PackData.IndicatorRow(
                "DRV_VALUE_VND",
                FORMULA,
                "đồng",
                "đồng",
                1.5e10,
                null,
                1.5e10,
                null,
                null,
                null,
                null)),
        league,
        trend,
        90.0,
        funnel,
        outreach,
        List.of(
            new PackData.ModelCount("economy", true, true, 12),
            new PackData.ModelCount("political_system", false, false, 30)),
        List.of(
            new PackData.OutlierRow(
                "SAT_RATE", "Tỷ lệ hài lòng", "%", "%", HOSTILE, "modified_z", 50.0, 91.5, -27.0),
            new PackData.OutlierRow(
                "DRV_VALUE_VND",
                "Giá trị huy động",
                "đồng",
                "đồng",
                "Xã Bản Qua",
                "yoy_ratio",
                1.795e9,
                4.5e8,
                3.99)));
  }
}
