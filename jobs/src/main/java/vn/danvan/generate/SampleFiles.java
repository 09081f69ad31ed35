package vn.danvan.generate;

import java.io.IOException;
import java.io.OutputStream;
import java.io.OutputStreamWriter;
import java.io.UncheckedIOException;
import java.io.Writer;
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

  /** A whole number with Vietnamese thousands dots: 2.358. */
  static String vietnamese(long n) {
    return NumberFormat.getIntegerInstance(Locale.forLanguageTag("vi-VN")).format(n);
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
      try (OutputStream out = Files.newOutputStream(file)) {
        if (bom && charset.equals(StandardCharsets.UTF_8)) {
          out.write(new byte[] {(byte) 0xEF, (byte) 0xBB, (byte) 0xBF});
        }
        Writer writer = new OutputStreamWriter(out, charset);
        try (CSVPrinter csv =
            new CSVPrinter(writer, CSVFormat.DEFAULT.builder().setRecordSeparator("\r\n").get())) {
          for (String line : title) {
            csv.printRecord(line);
          }
          csv.printRecord(header);
          for (List<String> row : rows) {
            csv.printRecord(row);
          }
        }
      }
    } catch (IOException e) {
      throw new UncheckedIOException("Cannot write " + file, e);
    }
  }
}
