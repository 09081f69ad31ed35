package vn.danvan.ingest;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import org.apache.commons.codec.digest.DigestUtils;
import vn.danvan.schema.ColumnSpec;
import vn.danvan.schema.ColumnType;
import vn.danvan.schema.RecordKind;
import vn.danvan.text.NumberConvention;
import vn.danvan.text.VietnameseNumbers;
import vn.danvan.text.VietnameseText;

/**
 * Turns a landing file's bytes into a {@link ParsedSubmission}: finds the header row below any
 * title block (one row, or two when a merged header spans sub-headers), maps headers to canonical
 * columns through {@link HeaderAliases}, tells the file's number convention, and hashes personal
 * data.
 */
public final class SubmissionParser {

  private static final int HEADER_SEARCH_ROWS = 30;

  private final RecordKind kind;
  private final HeaderAliases aliases;
  private final boolean keepPersonalData;
  // Header search looks at the same cells many times: each text is matched once.
  private final Map<String, Optional<String>> canonicalByText = new java.util.HashMap<>();

  /** A parser for files of {@code kind}. */
  public SubmissionParser(RecordKind kind, HeaderAliases aliases, boolean keepPersonalData) {
    this.kind = kind;
    this.aliases = aliases;
    this.keepPersonalData = keepPersonalData;
  }

  /** Parses the bytes of {@code file}. */
  public ParsedSubmission parse(LandingFile file, byte[] bytes, String sheetName) {
    Sheet sheet;
    try {
      if ("xlsx".equals(file.format())) {
        sheet = XlsxSheets.read(bytes, sheetName);
      } else if (DecodedText.looksBinary(bytes)) {
        return ParsedSubmission.rejected(
            "binary", "UNREADABLE_FILE", "binary content in a .csv file");
      } else {
        sheet = CsvSheets.read(bytes);
      }
    } catch (IllegalArgumentException e) {
      return ParsedSubmission.rejected(file.format(), "UNREADABLE_FILE", e.getMessage());
    }
    return parse(sheet);
  }

  /** Parses a grid already read from a file. */
  public ParsedSubmission parse(Sheet sheet) {
    Optional<Header> found = findHeader(sheet.lines());
    if (found.isEmpty()) {
      return ParsedSubmission.rejected(sheet.encoding(), "NO_HEADER", kind.name());
    }
    Header header = found.get();
    if (!header.duplicates().isEmpty()) {
      return ParsedSubmission.rejected(
          sheet.encoding(), "DUPLICATE_COLUMN", String.join(", ", header.duplicates()));
    }
    List<String> missing = missingColumns(header);
    if (!missing.isEmpty()) {
      return ParsedSubmission.rejected(
          sheet.encoding(), "MISSING_COLUMN", String.join(", ", missing));
    }
    NumberConvention.Detector detector = new NumberConvention.Detector();
    List<ParsedSubmission.DataRow> rows = new ArrayList<>();
    for (Sheet.Line line : sheet.lines()) {
      if (line.number() <= header.lastLine() || line.isBlank()) {
        continue;
      }
      rows.add(dataRow(line, header, detector));
    }
    if (rows.isEmpty()) {
      return ParsedSubmission.rejected(sheet.encoding(), "EMPTY_FILE", "");
    }
    return new ParsedSubmission(
        sheet.encoding(), detector.result(), header.lastLine(), rows, null, null);
  }

  private ParsedSubmission.DataRow dataRow(
      Sheet.Line line, Header header, NumberConvention.Detector detector) {
    List<ColumnSpec> columns = kind.columns();
    String[] values = new String[columns.size()];
    for (int c = 0; c < columns.size(); c++) {
      int at = header.positions()[c];
      if (at < 0) {
        continue;
      }
      String cell = line.cell(at);
      ColumnSpec spec = columns.get(c);
      if (spec.type().isNumeric() && !line.isTypedNumber(at)) {
        detector.accept(VietnameseNumbers.numeral(cell).digits());
      }
      values[c] = spec.type() == ColumnType.PERSONAL && !keepPersonalData ? hash(cell) : cell;
    }
    Map<String, String> extras = new LinkedHashMap<>();
    for (Map.Entry<Integer, String> e : header.extras().entrySet()) {
      String cell = line.cell(e.getKey());
      if (!VietnameseText.isBlank(cell)) {
        extras.put(e.getValue(), cell);
      }
    }
    return new ParsedSubmission.DataRow(
        line.number() - header.lastLine(), line.number(), Arrays.asList(values), extras);
  }

  private List<String> missingColumns(Header header) {
    List<String> missing = new ArrayList<>();
    boolean hasUnitColumn = false;
    boolean needsUnitColumn = false;
    for (int c = 0; c < kind.columns().size(); c++) {
      ColumnSpec spec = kind.columns().get(c);
      boolean present = header.positions()[c] >= 0;
      if (spec.isRequired() && !present) {
        missing.add(aliases.example(kind.name(), spec.name()));
      }
      if ("unit".equals(spec.requirement())) {
        needsUnitColumn = true;
        hasUnitColumn |= present;
      }
    }
    if (needsUnitColumn && !hasUnitColumn) {
      missing.add(aliases.example(kind.name(), "commune_name") + " / commune_code");
    }
    return missing;
  }

  /** The header: the line(s) with the most canonical columns among the first rows. */
  private Optional<Header> findHeader(List<Sheet.Line> lines) {
    Header best = null;
    int limit = Math.min(lines.size(), HEADER_SEARCH_ROWS);
    for (int i = 0; i < limit; i++) {
      Header single = header(List.of(lines.get(i)));
      if (best == null || single.score() > best.score()) {
        best = single;
      }
      if (i + 1 < lines.size()) {
        Header pair = header(List.of(lines.get(i), lines.get(i + 1)));
        if (pair.score() > best.score()) {
          best = pair;
        }
      }
    }
    return best != null && best.score() >= 2 ? Optional.of(best) : Optional.empty();
  }

  private Header header(List<Sheet.Line> headerLines) {
    int width = headerLines.stream().mapToInt(l -> l.cells().size()).max().orElse(0);
    int[] positions = new int[kind.columns().size()];
    Arrays.fill(positions, -1);
    Map<Integer, String> extras = new LinkedHashMap<>();
    Set<String> duplicates = new LinkedHashSet<>();
    int score = 0;
    for (int col = 0; col < width; col++) {
      String text = headerText(headerLines, col);
      if (VietnameseText.isBlank(text)) {
        continue;
      }
      Optional<String> canonical = canonicalOf(headerLines, col);
      if (canonical.isEmpty()) {
        extras.put(col, VietnameseText.clean(text));
        continue;
      }
      int c = kind.columnNames().indexOf(canonical.get());
      if (positions[c] >= 0) {
        duplicates.add(canonical.get());
      } else {
        positions[c] = col;
        score++;
      }
    }
    int lastLine = headerLines.get(headerLines.size() - 1).number();
    return new Header(lastLine, positions, extras, List.copyOf(duplicates), score);
  }

  /** A two-line header names a column by the lower cell, or by upper and lower together. */
  private Optional<String> canonicalOf(List<Sheet.Line> headerLines, int col) {
    Optional<String> whole = canonical(headerText(headerLines, col));
    if (whole.isPresent() || headerLines.size() == 1) {
      return whole;
    }
    return canonical(headerLines.get(headerLines.size() - 1).cell(col));
  }

  private Optional<String> canonical(String text) {
    if (text == null) {
      return Optional.empty();
    }
    return canonicalByText.computeIfAbsent(text, t -> aliases.canonical(kind.name(), t));
  }

  private static String headerText(List<Sheet.Line> headerLines, int col) {
    StringBuilder text = new StringBuilder();
    String previous = null;
    for (Sheet.Line line : headerLines) {
      String cell = line.cell(col);
      if (!VietnameseText.isBlank(cell) && !cell.equals(previous)) {
        text.append(text.length() > 0 ? " " : "").append(cell);
      }
      previous = cell;
    }
    return text.toString();
  }

  private static String hash(String cell) {
    if (VietnameseText.isBlank(cell)) {
      return null;
    }
    return "sha256:" + DigestUtils.sha256Hex(VietnameseText.clean(cell));
  }

  private record Header(
      int lastLine,
      int[] positions,
      Map<Integer, String> extras,
      List<String> duplicates,
      int score) {}
}
