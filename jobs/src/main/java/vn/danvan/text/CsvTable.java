package vn.danvan.text;

import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.Reader;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.apache.commons.csv.CSVFormat;
import org.apache.commons.csv.CSVParser;
import org.apache.commons.csv.CSVRecord;
import org.apache.commons.io.input.BOMInputStream;

/**
 * A small CSV file with a header, read whole: the project's own configuration and reference files.
 *
 * @param name where it came from, for messages
 * @param header the column names in file order
 * @param rows one map per data row, column name to NFC-cleaned text (blank cells are null)
 */
public record CsvTable(String name, List<String> header, List<Map<String, String>> rows) {

  /** Reads a UTF-8 CSV (with or without BOM) whose first row is the header. */
  public static CsvTable read(String name, InputStream in) {
    CSVFormat format =
        CSVFormat.DEFAULT.builder().setHeader().setSkipHeaderRecord(true).setTrim(true).get();
    try (Reader reader =
            new InputStreamReader(
                BOMInputStream.builder().setInputStream(in).get(), StandardCharsets.UTF_8);
        CSVParser parser = CSVParser.parse(reader, format)) {
      List<String> header = List.copyOf(parser.getHeaderNames());
      List<Map<String, String>> rows = new ArrayList<>();
      for (CSVRecord record : parser) {
        Map<String, String> row = new java.util.LinkedHashMap<>();
        for (String column : header) {
          String value = record.isSet(column) ? VietnameseText.clean(record.get(column)) : null;
          row.put(column, value == null || value.isEmpty() ? null : value);
        }
        rows.add(row);
      }
      return new CsvTable(name, header, rows);
    } catch (IOException e) {
      throw new UncheckedIOException("Cannot read " + name + ": " + e.getMessage(), e);
    }
  }

  /** Reads a CSV shipped inside the jar, next to {@code anchor}. */
  public static CsvTable resource(Class<?> anchor, String file) {
    InputStream in = anchor.getResourceAsStream(file);
    if (in == null) {
      throw new IllegalStateException("Resource " + file + " is missing from the jar");
    }
    return read(anchor.getPackageName().replace('.', '/') + "/" + file, in);
  }
}
