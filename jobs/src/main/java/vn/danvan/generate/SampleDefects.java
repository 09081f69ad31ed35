package vn.danvan.generate;

import java.util.ArrayList;
import java.util.List;
import vn.danvan.period.Period;

/** The malformed rows the sample carries so a first run shows the quarantine at work. */
final class SampleDefects {

  private SampleDefects() {}

  /** Rows built from {@code good} (a valid row of the file), each wrong in one way. */
  static List<List<String>> dialogues(List<String> good, Period quarter) {
    List<List<String>> rows = new ArrayList<>();
    String year = Integer.toString(quarter.calendarStart().getYear());
    rows.add(change(good, 1, "SAI-01", 12, "250", 11, "120"));
    rows.add(change(good, 1, "SAI-02", 2, "31/09/" + year));
    rows.add(change(good, 1, "SAI-03", 8, "khoảng 100"));
    rows.add(change(good, 1, "SAI-04", 3, "Xã Bảo Hà"));
    rows.add(change(good, 1, "SAI-05", 2, "15/01/" + year));
    rows.add(change(good, 1, good.get(1)));
    return rows;
  }

  /** A copy of {@code row} with the cells at the given positions replaced (position, value, …). */
  private static List<String> change(List<String> row, Object... changes) {
    List<String> r = new ArrayList<>(row);
    for (int i = 0; i + 1 < changes.length; i += 2) {
      r.set((Integer) changes[i], (String) changes[i + 1]);
    }
    return r;
  }
}
