package vn.danvan.ingest;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.List;
import org.apache.poi.ss.usermodel.Cell;
import org.apache.poi.ss.usermodel.CellType;
import org.apache.poi.ss.usermodel.DateUtil;
import org.apache.poi.ss.usermodel.Row;
import org.apache.poi.ss.usermodel.Workbook;
import org.apache.poi.ss.util.CellRangeAddress;
import org.apache.poi.xssf.usermodel.XSSFWorkbook;

/**
 * Reads a workbook's sheet into a {@link Sheet}: dates as ISO dates, numbers as plain numerals,
 * formulas by their cached values, and a merged cell's text repeated over the cells it spans.
 */
final class XlsxSheets {

  private XlsxSheets() {}

  /** The grid of sheet {@code sheetName} (the first sheet when null or absent). */
  static Sheet read(byte[] bytes, String sheetName) {
    try (Workbook workbook = new XSSFWorkbook(new ByteArrayInputStream(bytes))) {
      org.apache.poi.ss.usermodel.Sheet sheet =
          sheetName != null && workbook.getSheet(sheetName) != null
              ? workbook.getSheet(sheetName)
              : workbook.getSheetAt(0);
      List<List<String>> cells = new ArrayList<>();
      List<List<Boolean>> typed = new ArrayList<>();
      for (int r = 0; r <= sheet.getLastRowNum(); r++) {
        Row row = sheet.getRow(r);
        List<String> texts = new ArrayList<>();
        List<Boolean> numbers = new ArrayList<>();
        int width = row == null ? 0 : Math.max(0, row.getLastCellNum());
        for (int c = 0; c < width; c++) {
          Cell cell = row.getCell(c);
          CellType type = cell == null ? CellType.BLANK : effectiveType(cell);
          texts.add(text(cell, type));
          numbers.add(type == CellType.NUMERIC && !DateUtil.isCellDateFormatted(cell));
        }
        cells.add(texts);
        typed.add(numbers);
      }
      spreadMergedCells(sheet, cells, typed);
      List<Sheet.Line> lines = new ArrayList<>();
      for (int r = 0; r < cells.size(); r++) {
        lines.add(new Sheet.Line(r + 1, cells.get(r), typed.get(r)));
      }
      return new Sheet(lines, "xlsx");
    } catch (IOException | RuntimeException e) {
      throw new IllegalArgumentException("not a readable XLSX workbook: " + e.getMessage(), e);
    }
  }

  private static CellType effectiveType(Cell cell) {
    return cell.getCellType() == CellType.FORMULA
        ? cell.getCachedFormulaResultType()
        : cell.getCellType();
  }

  private static String text(Cell cell, CellType type) {
    return switch (type) {
      case STRING -> cell.getStringCellValue();
      case BOOLEAN -> Boolean.toString(cell.getBooleanCellValue());
      case NUMERIC ->
          DateUtil.isCellDateFormatted(cell)
              ? cell.getLocalDateTimeCellValue().toLocalDate().toString()
              : plainNumeral(cell.getNumericCellValue());
      default -> null;
    };
  }

  /** A stored number as a numeral no convention misreads: no grouping, never 3 decimals exactly. */
  static String plainNumeral(double value) {
    String plain = BigDecimal.valueOf(value).stripTrailingZeros().toPlainString();
    int dot = plain.indexOf('.');
    return dot >= 0 && plain.length() - dot - 1 == 3 ? plain + "0" : plain;
  }

  private static void spreadMergedCells(
      org.apache.poi.ss.usermodel.Sheet sheet,
      List<List<String>> cells,
      List<List<Boolean>> typed) {
    for (CellRangeAddress region : sheet.getMergedRegions()) {
      String value = at(cells, region.getFirstRow(), region.getFirstColumn());
      for (int r = region.getFirstRow(); r <= region.getLastRow() && r < cells.size(); r++) {
        for (int c = region.getFirstColumn(); c <= region.getLastColumn(); c++) {
          List<String> row = cells.get(r);
          while (row.size() <= c) {
            row.add(null);
            typed.get(r).add(false);
          }
          row.set(c, value);
        }
      }
    }
  }

  private static String at(List<List<String>> cells, int r, int c) {
    return r < cells.size() && c < cells.get(r).size() ? cells.get(r).get(c) : null;
  }
}
