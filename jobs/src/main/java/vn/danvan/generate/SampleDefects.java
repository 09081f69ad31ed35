package vn.danvan.generate;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import vn.danvan.text.LegacyVietnamese;

/**
 * What the sample carries so a run shows the quarantine, supersession and legacy text at work:
 * malformed rows in a few submissions, a corrected resubmission, a name typed in TCVN3, and two
 * files that cannot be read at all.
 */
final class SampleDefects {

  private SampleDefects() {}

  /** Adds the sample's defects that belong to submission {@code s}. */
  static void apply(ProvinceGenerator g, ProvinceGenerator.Submission s, Random random) {
    String at = s.code() + "/" + s.quarter.key();
    switch (at) {
      case "MK/2022-Q3" -> {
        s.dialogues.addAll(badDialogues(s.dialogues.get(0), s.quarter.calendarStart().getYear()));
        List<String> p = new ArrayList<>(s.petitions.get(0));
        p.set(1, "MK-2022Q3-P-SAI1");
        p.set(2, "MK99-2022Q3-D9");
        s.petitions.add(p);
        List<String> q = new ArrayList<>(s.petitions.get(0));
        q.set(1, "MK-2022Q3-P-SAI2");
        q.set(6, "01/07/2022");
        q.set(5, "Không");
        q.set(3, "20/08/2022");
        s.petitions.add(q);
      }
      case "BY/2020-Q2" -> {
        // A district that still types in .VnTime: the name comes through as TCVN3.
        List<String> r = new ArrayList<>(s.dialogues.get(0));
        r.set(3, LegacyVietnamese.toTcvn3(r.get(3)));
        s.dialogues.set(0, r);
      }
      case "LCC/2021-Q2" -> {
        List<String> r = new ArrayList<>(s.outreach.get(0));
        r.set(1, "LCC-2021Q2-T-SAI");
        r.set(7, "3");
        r.set(8, "2");
        s.outreach.add(r);
      }
      case "BH/2020-Q4" -> {
        // No cell of this file tells its number convention, so "1.500" labour days is ambiguous.
        for (int i = 0; i < s.drives.size(); i++) {
          List<String> r = new ArrayList<>(s.drives.get(i));
          r.set(
              6,
              Long.toString(
                  Math.round(Double.parseDouble(r.get(6).replace(".", "").replace(',', '.')))));
          r.set(7, "25 triệu");
          s.drives.set(i, r);
        }
        if (!s.drives.isEmpty()) {
          List<String> r = new ArrayList<>(s.drives.get(0));
          r.set(1, "BH-2020Q4-R-SAI1");
          r.set(6, "1.500");
          s.drives.add(r);
          List<String> v = new ArrayList<>(s.drives.get(0));
          v.set(1, "BH-2020Q4-R-SAI2");
          v.set(7, "khoảng 10 tỷ");
          s.drives.add(v);
        }
      }
      case "BH/2023-Q2" -> s.extraFiles.add(() -> corrected(g, s));
      case "SP/2022-Q4" ->
          s.extraFiles.add(
              () ->
                  write(
                      s,
                      "outreach",
                      "2022-Q4-bang-tong-hop.csv",
                      "Bảng tổng hợp đang soạn, chưa có số liệu\r\n"));
      case "LCC/2020-Q1" ->
          s.extraFiles.add(
              () ->
                  write(
                      s, "drives", "2020-Q1-ghi-chu.txt", "Ghi chú: số liệu gửi kèm công văn\r\n"));
      default -> {
        // nothing
      }
    }
  }

  /** Six dialogue rows built from a valid one, each wrong in one way. */
  private static List<List<String>> badDialogues(List<String> good, int year) {
    List<List<String>> rows = new ArrayList<>();
    rows.add(change(good, 1, "SAI-01", 12, "250", 11, "120"));
    rows.add(change(good, 1, "SAI-02", 2, "31/09/" + year));
    rows.add(change(good, 1, "SAI-03", 8, "khoảng 100"));
    rows.add(change(good, 1, "SAI-04", 3, "Xã Bảo Hà"));
    rows.add(change(good, 1, "SAI-05", 2, "15/01/" + year));
    rows.add(change(good, 1, good.get(1)));
    return rows;
  }

  /** The district resends its 2023-Q2 dialogues: one satisfied count corrected, one row dropped. */
  private static void corrected(ProvinceGenerator g, ProvinceGenerator.Submission s) {
    List<List<String>> rows = new ArrayList<>(s.dialogues);
    List<String> first = new ArrayList<>(rows.get(0));
    first.set(13, "Sửa số phiếu hài lòng theo biên bản");
    first.set(12, first.get(11));
    rows.set(0, first);
    rows.remove(rows.size() - 1);
    List<List<String>> numbered = new ArrayList<>();
    for (int i = 0; i < rows.size(); i++) {
      List<String> r = new ArrayList<>(rows.get(i));
      r.set(0, Integer.toString(i + 1));
      numbered.add(r);
    }
    SampleFiles.writeCsv(
        s.file("dialogues", s.quarter.key() + "-sua.csv"),
        List.of(),
        Templates.DIALOGUES,
        numbered,
        StandardCharsets.UTF_8,
        true);
    g.arrived(s, s.file("dialogues", s.quarter.key() + "-sua.csv"), 60);
  }

  private static void write(ProvinceGenerator.Submission s, String kind, String name, String text) {
    try {
      Files.createDirectories(s.file(kind, name).getParent());
      Files.writeString(s.file(kind, name), text, StandardCharsets.UTF_8);
    } catch (java.io.IOException e) {
      throw new java.io.UncheckedIOException(e);
    }
  }

  private static List<String> change(List<String> row, Object... changes) {
    List<String> r = new ArrayList<>(row);
    for (int i = 0; i + 1 < changes.length; i += 2) {
      r.set((Integer) changes[i], (String) changes[i + 1]);
    }
    return r;
  }
}
