package vn.danvan.ingest;

import java.io.IOException;
import java.io.StringReader;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import org.apache.commons.csv.CSVFormat;
import org.apache.commons.csv.CSVParser;
import org.apache.commons.csv.CSVRecord;

/** Reads a CSV file's bytes into a {@link Sheet}, telling its encoding and delimiter. */
final class CsvSheets {

  private static final char[] DELIMITERS = {',', ';', '\t'};

  private CsvSheets() {}

  /** The grid of {@code bytes}, split on the delimiter that gives the widest consistent rows. */
  static Sheet read(byte[] bytes) {
    DecodedText decoded = DecodedText.decode(bytes);
    char delimiter = delimiter(decoded.text());
    return new Sheet(lines(decoded.text(), delimiter, Integer.MAX_VALUE), decoded.encoding());
  }

  private static char delimiter(String text) {
    char best = ',';
    int bestScore = -1;
    for (char candidate : DELIMITERS) {
      List<Sheet.Line> sample = lines(text, candidate, 40);
      int score = 0;
      for (Sheet.Line line : sample) {
        score += line.cells().size() > 1 ? line.cells().size() : 0;
      }
      if (score > bestScore) {
        best = candidate;
        bestScore = score;
      }
    }
    return best;
  }

  private static List<Sheet.Line> lines(String text, char delimiter, int limit) {
    CSVFormat format =
        CSVFormat.DEFAULT.builder().setDelimiter(delimiter).setIgnoreEmptyLines(false).get();
    List<Sheet.Line> lines = new ArrayList<>();
    try (CSVParser parser = CSVParser.parse(new StringReader(text), format)) {
      for (CSVRecord record : parser) {
        if (lines.size() >= limit) {
          break;
        }
        List<String> cells = record.toList();
        lines.add(
            new Sheet.Line(
                (int) record.getRecordNumber(), cells, Collections.nCopies(cells.size(), false)));
      }
    } catch (IOException | UncheckedIOException e) {
      if (lines.isEmpty() || limit == Integer.MAX_VALUE) {
        throw new IllegalArgumentException("not a readable CSV: " + rootMessage(e), e);
      }
    }
    return lines;
  }

  private static String rootMessage(Throwable e) {
    Throwable t = e;
    while (t.getCause() != null) {
      t = t.getCause();
    }
    return t.getMessage();
  }
}
