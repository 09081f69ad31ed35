package vn.danvan.publish;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.apache.pdfbox.pdmodel.PDDocument;
import org.apache.pdfbox.pdmodel.PDPage;
import org.apache.pdfbox.pdmodel.PDPageContentStream;
import org.apache.pdfbox.pdmodel.common.PDRectangle;
import org.apache.pdfbox.pdmodel.font.PDType0Font;
import org.apache.pdfbox.pdmodel.graphics.image.PDImageXObject;

/**
 * The review pack for print: a cover, one A4 landscape page per chart, then the indicator and
 * league tables on A4 portrait pages; the shipped font embedded so every diacritic prints.
 */
final class PdfPack {

  private static final float MARGIN = 48;

  private PdfPack() {}

  static void write(
      Path file, PackData data, Labels labels, String generated, Map<String, byte[]> charts) {
    try (PDDocument doc = new PDDocument()) {
      PDType0Font regular;
      PDType0Font bold;
      try (InputStream r = ChartFonts.stream(ChartFonts.REGULAR_RESOURCE);
          InputStream b = ChartFonts.stream(ChartFonts.BOLD_RESOURCE)) {
        regular = PDType0Font.load(doc, r, true);
        bold = PDType0Font.load(doc, b, true);
      }
      String period = PeriodLabels.of(data.period(), labels);
      cover(doc, regular, bold, labels, data, period, generated);
      for (byte[] png : charts.values()) {
        chartPage(doc, png);
      }
      TableText text = new TableText(labels);
      List<List<String>> indicators = new ArrayList<>();
      for (PackData.IndicatorRow r : data.indicators()) {
        indicators.add(
            List.of(
                r.name(),
                text.value(r.value(), r.unit()),
                text.interval(r.ciLow(), r.ciHigh(), r.unit()),
                text.value(r.target(), r.unit()),
                text.status(r.status())));
      }
      table(
          doc,
          regular,
          bold,
          labels.text("pack.indicators") + " — " + period,
          List.of(
              labels.text("col.indicator"),
              labels.text("col.value"),
              labels.text("col.interval"),
              labels.text("col.target"),
              labels.text("col.status")),
          new float[] {0.40f, 0.17f, 0.19f, 0.11f, 0.13f},
          indicators);
      List<List<String>> league = new ArrayList<>();
      for (PackData.LeagueRow r : data.league()) {
        league.add(
            List.of(
                r.rank() == null ? "–" : r.rank().toString(),
                r.unitName() + (r.small() ? " (" + labels.text("league.small") + ")" : ""),
                text.value(r.value(), "%"),
                text.interval(r.ciLow(), r.ciHigh(), "%"),
                r.quartile() == null ? "–" : r.quartile().toString(),
                text.versus(r.vsProvince())));
      }
      table(
          doc,
          regular,
          bold,
          labels.text("pack.league") + " — " + labels.text("sat_trend.title"),
          List.of(
              labels.text("col.rank"),
              labels.text("col.unit"),
              labels.text("col.value"),
              labels.text("col.interval"),
              labels.text("col.quartile"),
              labels.text("col.vs_province")),
          new float[] {0.07f, 0.33f, 0.13f, 0.19f, 0.08f, 0.20f},
          league);
      doc.save(file.toFile());
    } catch (IOException e) {
      throw new UncheckedIOException("Cannot write " + file, e);
    }
  }

  private static void cover(
      PDDocument doc,
      PDType0Font regular,
      PDType0Font bold,
      Labels labels,
      PackData data,
      String period,
      String generated)
      throws IOException {
    PDPage page = new PDPage(PDRectangle.A4);
    doc.addPage(page);
    float width = page.getMediaBox().getWidth();
    try (PDPageContentStream s = new PDPageContentStream(doc, page)) {
      float y = page.getMediaBox().getHeight() - 220;
      y = centred(s, bold, 24, labels.text("pack.title"), width, y);
      y = centred(s, regular, 18, data.provinceName(), width, y - 18);
      y = centred(s, regular, 18, period, width, y - 10);
      y = centred(s, regular, 12, labels.text("pack.basis." + data.basis()), width, y - 18);
      centred(s, regular, 10, generated, width, y - 40);
    }
  }

  private static float centred(
      PDPageContentStream s, PDType0Font font, float size, String text, float width, float y)
      throws IOException {
    float w = font.getStringWidth(text) / 1000 * size;
    s.beginText();
    s.setFont(font, size);
    s.newLineAtOffset((width - w) / 2, y);
    s.showText(text);
    s.endText();
    return y - size * 1.4f;
  }

  private static void chartPage(PDDocument doc, byte[] png) throws IOException {
    PDRectangle landscape = new PDRectangle(PDRectangle.A4.getHeight(), PDRectangle.A4.getWidth());
    PDPage page = new PDPage(landscape);
    doc.addPage(page);
    PDImageXObject image = PDImageXObject.createFromByteArray(doc, png, "chart");
    float maxW = landscape.getWidth() - 2 * MARGIN;
    float maxH = landscape.getHeight() - 2 * MARGIN;
    float scale = Math.min(maxW / image.getWidth(), maxH / image.getHeight());
    float w = image.getWidth() * scale;
    float h = image.getHeight() * scale;
    try (PDPageContentStream s = new PDPageContentStream(doc, page)) {
      s.drawImage(image, (landscape.getWidth() - w) / 2, (landscape.getHeight() - h) / 2, w, h);
    }
  }

  private static void table(
      PDDocument doc,
      PDType0Font regular,
      PDType0Font bold,
      String title,
      List<String> header,
      float[] widths,
      List<List<String>> rows)
      throws IOException {
    float size = 9.5f;
    float lineHeight = 15;
    PDRectangle a4 = PDRectangle.A4;
    float tableWidth = a4.getWidth() - 2 * MARGIN;
    int row = 0;
    boolean first = true;
    while (first || row < rows.size()) {
      first = false;
      PDPage page = new PDPage(a4);
      doc.addPage(page);
      try (PDPageContentStream s = new PDPageContentStream(doc, page)) {
        float y = a4.getHeight() - MARGIN;
        text(s, bold, 13, title, MARGIN, y, tableWidth);
        y -= 26;
        y = line(s, bold, size, header, widths, tableWidth, y, lineHeight);
        while (row < rows.size() && y > MARGIN + lineHeight) {
          y = line(s, regular, size, rows.get(row++), widths, tableWidth, y, lineHeight);
        }
      }
    }
  }

  private static float line(
      PDPageContentStream s,
      PDType0Font font,
      float size,
      List<String> cells,
      float[] widths,
      float tableWidth,
      float y,
      float lineHeight)
      throws IOException {
    float x = MARGIN;
    for (int c = 0; c < cells.size(); c++) {
      float w = widths[c] * tableWidth;
      text(s, font, size, cells.get(c), x, y, w - 6);
      x += w;
    }
    s.setLineWidth(0.3f);
    s.moveTo(MARGIN, y - 4);
    s.lineTo(MARGIN + tableWidth, y - 4);
    s.stroke();
    return y - lineHeight;
  }

  /** Shows {@code text}, shortened with an ellipsis to fit {@code maxWidth}. */
  private static void text(
      PDPageContentStream s,
      PDType0Font font,
      float size,
      String text,
      float x,
      float y,
      float maxWidth)
      throws IOException {
    String fitted = text;
    while (fitted.length() > 1 && font.getStringWidth(fitted) / 1000 * size > maxWidth) {
      fitted = fitted.substring(0, fitted.length() - 2) + "…";
    }
    s.beginText();
    s.setFont(font, size);
    s.newLineAtOffset(x, y);
    s.showText(fitted);
    s.endText();
  }
}
