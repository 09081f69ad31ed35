package vn.danvan.generate;

import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import vn.danvan.period.Period;
import vn.danvan.reference.UnitVersion;

/** Synthetic dialogue rows of one commune in one quarter, in a district template's words. */
final class DialogueRows {

  /** The template's header, Vietnamese as districts write it. */
  static final List<String> HEADER =
      List.of(
          "STT",
          "Mã cuộc",
          "Ngày tổ chức",
          "Tên xã",
          "Cấp chủ trì",
          "Chức danh người chủ trì",
          "Hình thức",
          "Đối tượng",
          "Số người tham dự",
          "Số ý kiến kiến nghị",
          "Số ý kiến trả lời tại chỗ",
          "Số phiếu thu về",
          "Số phiếu hài lòng",
          "Ghi chú");

  private static final String[] ROLES = {
    "Bí thư", "Chủ tịch", "Bí thư kiêm Chủ tịch", "Phó Chủ tịch"
  };
  private static final String[] FORMATS = {
    "Trực tiếp", "Trực tiếp", "Chuyên đề", "Kết hợp tuyên truyền"
  };
  private static final String[] AUDIENCES = {
    "Nhân dân", "Nhân dân", "Nông dân", "Phụ nữ", "Thanh niên", "Cựu chiến binh"
  };

  private DialogueRows() {}

  /**
   * One or two dialogues (rarely three) of {@code commune} in {@code quarter}, satisfaction drawn
   * around {@code satisfaction}.
   */
  static List<List<String>> of(
      Random random, UnitVersion commune, Period quarter, double satisfaction, int[] sequence) {
    int count = random.nextDouble() < 0.08 ? 3 : 1 + random.nextInt(2);
    List<List<String>> rows = new ArrayList<>();
    for (int i = 0; i < count; i++) {
      LocalDate day = quarter.calendarStart().plusDays(random.nextInt(85));
      int participants = 40 + random.nextInt(261);
      int returned = (int) Math.round(participants * (0.55 + 0.35 * random.nextDouble()));
      double rate = Math.min(0.995, Math.max(0.7, satisfaction + random.nextGaussian() * 0.025));
      int satisfied = (int) Math.round(returned * rate);
      int raised = random.nextInt(16);
      int answered = (int) Math.round(raised * (0.5 + 0.45 * random.nextDouble()));
      sequence[0]++;
      rows.add(
          List.of(
              Integer.toString(sequence[0]),
              commune.code() + "-" + quarter.key().replace("-", "") + "-D" + (i + 1),
              SampleFiles.dayFirst(day),
              commune.name(),
              "Xã",
              ROLES[random.nextInt(ROLES.length)],
              FORMATS[random.nextInt(FORMATS.length)],
              AUDIENCES[random.nextInt(AUDIENCES.length)],
              SampleFiles.vietnamese(participants),
              Integer.toString(raised),
              Integer.toString(answered),
              SampleFiles.vietnamese(returned),
              SampleFiles.vietnamese(satisfied),
              ""));
    }
    return rows;
  }
}
