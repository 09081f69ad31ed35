package vn.danvan.ingest;

import java.util.List;
import java.util.Map;
import vn.danvan.text.NumberConvention;

/**
 * What a landing file holds once its header is found: its data rows with their cells put under the
 * kind's canonical columns, or the reason the file as a whole cannot be read.
 *
 * @param encoding how the bytes were decoded
 * @param convention the number convention its cells show
 * @param headerLine the 1-based row of the (last) header line, 0 when none was found
 * @param rows the data rows, blank rows left out
 * @param rejectCode a reason code when the file is rejected, else null
 * @param rejectDetail what the reason's message needs
 */
public record ParsedSubmission(
    String encoding,
    NumberConvention convention,
    int headerLine,
    List<DataRow> rows,
    String rejectCode,
    String rejectDetail) {

  /** A file that cannot be read as a submission. */
  static ParsedSubmission rejected(String encoding, String code, String detail) {
    return new ParsedSubmission(encoding, NumberConvention.UNKNOWN, 0, List.of(), code, detail);
  }

  /** True when the file is rejected as a whole. */
  public boolean isRejected() {
    return rejectCode != null;
  }

  /**
   * One data row.
   *
   * @param sourceRow 1-based number among the rows below the header
   * @param sourceLine 1-based row number in the file or worksheet
   * @param values cell texts as written, by the kind's declared column order (null when absent)
   * @param extras cells under headers the kind does not declare, by header
   */
  public record DataRow(
      int sourceRow, int sourceLine, List<String> values, Map<String, String> extras) {}
}
