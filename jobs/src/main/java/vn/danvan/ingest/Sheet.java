package vn.danvan.ingest;

import java.util.List;

/**
 * A landing file as a grid of cell texts, whatever its format: one {@link Line} per row of the CSV
 * or of the worksheet, blank ones included so row numbers stay those the user sees.
 *
 * @param lines the rows in file order
 * @param encoding how the file was decoded ({@code xlsx} for workbooks)
 */
public record Sheet(List<Line> lines, String encoding) {

  /**
   * One row of the grid.
   *
   * @param number the row's 1-based number in the file or worksheet
   * @param cells the cell texts, as written
   * @param typedNumbers for each cell, true when a workbook stored it as a number (its text is then
   *     plain digits with a dot before any fraction, and says nothing of the file's convention)
   */
  public record Line(int number, List<String> cells, List<Boolean> typedNumbers) {

    /** The text of cell {@code i}, null when the row is shorter. */
    public String cell(int i) {
      return i < cells.size() ? cells.get(i) : null;
    }

    /** True when cell {@code i} was stored as a number by a workbook. */
    public boolean isTypedNumber(int i) {
      return i < typedNumbers.size() && typedNumbers.get(i);
    }

    /** True when every cell is blank. */
    public boolean isBlank() {
      return cells.stream().allMatch(vn.danvan.text.VietnameseText::isBlank);
    }
  }
}
