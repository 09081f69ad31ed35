package vn.danvan.generate;

import java.io.IOException;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.nio.charset.Charset;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.text.NumberFormat;
import java.time.LocalDate;
import java.time.format.DateTimeFormatter;
import java.util.List;
import java.util.Locale;
import org.apache.commons.csv.CSVFormat;
import org.apache.commons.csv.CSVPrinter;

/** Writes landing files the way districts save them from Excel. */
final class SampleFiles {

  private static final DateTimeFormatter DAY_FIRST = DateTimeFormatter.ofPattern("dd/MM/yyyy");

  private SampleFiles() {}

  /** A date as districts write it. */
  static String dayFirst(LocalDate date) {
    return DAY_FIRST.format(date);
  }

  /** Writes the arrival register: which landing file arrived on which day. */
  static void writeRegister(Path file, List<List<String>> rows) {
    writeCsv(
        file,
        List.of(),
        List.of("source_file", "received_on"),
        rows,
        StandardCharsets.UTF_8,
        false);
  }

  /** A whole number with Vietnamese thousands dots: 2.358. */
  static String vietnamese(long n) {
    return NumberFormat.getIntegerInstance(Locale.forLanguageTag("vi-VN")).format(n);
  }

  /**
   * How a workbook is laid out.
   *
   * @param numbersAsText numbers stored as text cells, as when typed with a leading apostrophe
   * @param dateCells dates stored as Excel date cells
   * @param formulaColumn a column whose cells are formulas (-1 for none)
   * @param formula the formula, {@code {row}} standing for the cell's 1-based row
   * @param groupColumn the first of two columns under one merged header cell (-1 for none)
   * @param groupLabel the merged header's text; the two columns' own headers go below it
   */
  record XlsxLayout(
      boolean numbersAsText,
      boolean dateCells,
      int formulaColumn,
      String formula,
      int groupColumn,
      String groupLabel) {}

  /** Writes a workbook with one sheet: title lines, the header, then the rows. */
  static void writeXlsx(
      Path file,
      List<String> title,
      List<String> header,
      List<List<String>> rows,
      XlsxLayout layout) {
    try (org.apache.poi.xssf.usermodel.XSSFWorkbook workbook =
        new org.apache.poi.xssf.usermodel.XSSFWorkbook()) {
      workbook
          .getProperties()
          .getCoreProperties()
          .setCreated(java.util.Optional.of(new java.util.Date(0)));
      org.apache.poi.ss.usermodel.Sheet sheet = workbook.createSheet("Báo cáo");
      org.apache.poi.ss.usermodel.CellStyle dateStyle = workbook.createCellStyle();
      dateStyle.setDataFormat(workbook.createDataFormat().getFormat("dd/mm/yyyy"));
      int r = 0;
      for (String line : title) {
        sheet.createRow(r++).createCell(0).setCellValue(line);
      }
      if (layout.groupColumn() >= 0) {
        org.apache.poi.ss.usermodel.Row upper = sheet.createRow(r++);
        org.apache.poi.ss.usermodel.Row lower = sheet.createRow(r++);
        for (int c = 0; c < header.size(); c++) {
          boolean grouped = c == layout.groupColumn() || c == layout.groupColumn() + 1;
          upper.createCell(c).setCellValue(grouped ? layout.groupLabel() : header.get(c));
          lower.createCell(c).setCellValue(grouped ? header.get(c) : "");
          if (!grouped) {
            sheet.addMergedRegion(new org.apache.poi.ss.util.CellRangeAddress(r - 2, r - 1, c, c));
          }
        }
        sheet.addMergedRegion(
            new org.apache.poi.ss.util.CellRangeAddress(
                r - 2, r - 2, layout.groupColumn(), layout.groupColumn() + 1));
      } else {
        org.apache.poi.ss.usermodel.Row h = sheet.createRow(r++);
        for (int c = 0; c < header.size(); c++) {
          h.createCell(c).setCellValue(header.get(c));
        }
      }
      for (List<String> values : rows) {
        org.apache.poi.ss.usermodel.Row row = sheet.createRow(r++);
        for (int c = 0; c < values.size(); c++) {
          org.apache.poi.ss.usermodel.Cell cell = row.createCell(c);
          String v = values.get(c);
          if (c == layout.formulaColumn()) {
            cell.setCellFormula(layout.formula().replace("{row}", Integer.toString(r)));
          } else if (layout.dateCells() && v.matches("\\d{2}/\\d{2}/\\d{4}")) {
            cell.setCellValue(LocalDate.parse(v, DAY_FIRST));
            cell.setCellStyle(dateStyle);
          } else if (!layout.numbersAsText() && v.matches("\\d+") && c > 0) {
            cell.setCellValue(Double.parseDouble(v));
          } else if (!layout.numbersAsText() && v.matches("\\d{1,3}(\\.\\d{3})+")) {
            cell.setCellValue(Double.parseDouble(v.replace(".", "")));
          } else {
            cell.setCellValue(v);
          }
        }
      }
      workbook.getCreationHelper().createFormulaEvaluator().evaluateAll();
      Files.createDirectories(file.getParent());
      try (OutputStream out = Files.newOutputStream(file)) {
        workbook.write(out);
      }
    } catch (IOException e) {
      throw new UncheckedIOException("Cannot write " + file, e);
    }
  }

  /**
   * Writes a CSV: optional title lines above the header, then the rows; UTF-8 with a BOM when
   * {@code bom} (as Excel saves "CSV UTF-8"), or in {@code charset}.
   */
  static void writeCsv(
      Path file,
      List<String> title,
      List<String> header,
      List<List<String>> rows,
      Charset charset,
      boolean bom) {
    try {
      Files.createDirectories(file.getParent());
      StringBuilder text = new StringBuilder();
      try (CSVPrinter csv =
          new CSVPrinter(text, CSVFormat.DEFAULT.builder().setRecordSeparator("\r\n").get())) {
        for (String line : title) {
          csv.printRecord(line);
        }
        csv.printRecord(header);
        for (List<String> row : rows) {
          csv.printRecord(row);
        }
      }
      try (OutputStream out = Files.newOutputStream(file)) {
        if (bom && charset.equals(StandardCharsets.UTF_8)) {
          out.write(new byte[] {(byte) 0xEF, (byte) 0xBB, (byte) 0xBF});
        }
        out.write(
            charset.name().equals("windows-1258")
                ? vn.danvan.text.Windows1258.encode(text.toString())
                : text.toString().getBytes(charset));
      }
    } catch (IOException e) {
      throw new UncheckedIOException("Cannot write " + file, e);
    }
  }
}
