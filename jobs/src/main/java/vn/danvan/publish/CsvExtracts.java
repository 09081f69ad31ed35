package vn.danvan.publish;

import java.io.IOException;
import java.io.OutputStream;
import java.io.OutputStreamWriter;
import java.io.UncheckedIOException;
import java.io.Writer;
import java.math.BigDecimal;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.apache.commons.csv.CSVFormat;
import org.apache.commons.csv.CSVPrinter;

/**
 * CSV extracts Excel opens correctly: UTF-8 with a BOM (so Vietnamese shows), and text cells
 * starting with {@code = + - @} (or a tab or carriage return) prefixed with an apostrophe, so a
 * spreadsheet never runs them as formulas. Numbers are written as numbers.
 */
public final class CsvExtracts {

  private CsvExtracts() {}

  /** Writes {@code rows} under {@code header} to {@code file}. */
  public static void write(Path file, List<String> header, List<List<Object>> rows) {
    try (OutputStream out = Files.newOutputStream(file)) {
      out.write(new byte[] {(byte) 0xEF, (byte) 0xBB, (byte) 0xBF});
      Writer writer = new OutputStreamWriter(out, StandardCharsets.UTF_8);
      try (CSVPrinter csv =
          new CSVPrinter(writer, CSVFormat.EXCEL.builder().setRecordSeparator("\r\n").get())) {
        csv.printRecord(header.stream().map(CsvExtracts::cell).toList());
        for (List<Object> row : rows) {
          csv.printRecord(row.stream().map(CsvExtracts::cell).toList());
        }
      }
    } catch (IOException e) {
      throw new UncheckedIOException("Cannot write " + file, e);
    }
  }

  /** The text of one cell: numbers plain, text neutralised. */
  static String cell(Object value) {
    if (value == null) {
      return "";
    }
    if (value instanceof Double d) {
      return d.isNaN() || d.isInfinite()
          ? ""
          : BigDecimal.valueOf(d).stripTrailingZeros().toPlainString();
    }
    if (value instanceof Number n) {
      return n.toString();
    }
    return neutralise(value.toString());
  }

  /** Text a spreadsheet would read as a formula, made inert. */
  static String neutralise(String text) {
    if (!text.isEmpty() && "=+-@\t\r".indexOf(text.charAt(0)) >= 0) {
      return "'" + text;
    }
    return text;
  }
}
