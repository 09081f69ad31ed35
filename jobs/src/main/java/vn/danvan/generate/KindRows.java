package vn.danvan.generate;

import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import vn.danvan.period.Period;
import vn.danvan.reference.UnitVersion;

/** Synthetic rows of each record kind, one commune and one quarter at a time. */
final class KindRows {

  private static final String[] ROLES = {
    "Bí thư", "Chủ tịch", "Bí thư kiêm Chủ tịch", "Phó Chủ tịch"
  };
  private static final String[] FORMATS = {
    "Trực tiếp", "Trực tiếp", "Chuyên đề", "Kết hợp tuyên truyền"
  };
  private static final String[] AUDIENCES = {
    "Nhân dân", "Nhân dân", "Nông dân", "Phụ nữ", "Thanh niên", "Cựu chiến binh"
  };
  private static final String[] TOPICS = {
    "Đất đai",
    "Giao thông nông thôn",
    "Chính sách an sinh xã hội",
    "Môi trường",
    "Y tế",
    "Giáo dục",
    "Điện, nước sinh hoạt",
    "Thủ tục hành chính"
  };
  private static final String[] SURNAMES = {
    "Nguyễn", "Trần", "Lê", "Phạm", "Hoàng", "Lò", "Giàng", "Sùng", "Vàng", "Ly"
  };
  private static final String[] GIVEN = {
    "Văn Minh", "Thị Hoa", "Seo Chứ", "A Páo", "Thị Mai", "Văn Thắng", "Mí Sính", "Thị Dung"
  };
  private static final String[] ORGANISERS = {
    "Cấp ủy", "Chính quyền", "Ủy ban MTTQ", "Đoàn thể", "Bộ đội Biên phòng", "Công an"
  };
  private static final String[] OUTREACH_TOPICS = {
    "Phòng chống ma túy",
    "Xây dựng nông thôn mới",
    "Phòng chống tảo hôn, hôn nhân cận huyết thống",
    "Tuyên truyền pháp luật về đất đai",
    "Chuyển đổi số, dịch vụ công trực tuyến",
    "Bảo vệ chủ quyền biên giới"
  };
  private static final String[] DRIVE_TITLES = {
    "Ra quân làm đường giao thông nông thôn",
    "Tổng vệ sinh môi trường",
    "Xây nhà Đại đoàn kết",
    "Trồng cây, trồng rừng",
    "Kiên cố hóa kênh mương"
  };
  private static final String[] MODEL_NAMES = {
    "Tổ hợp tác trồng chè",
    "Đoàn kết giúp nhau giảm nghèo",
    "Dòng họ không có ma túy",
    "Camera an ninh thôn bản",
    "Hiến đất làm đường",
    "Nuôi cá lồng",
    "Phụ nữ tiết kiệm",
    "Gương sáng thương binh làm kinh tế",
    "Bản văn hóa không tảo hôn",
    "Chi bộ bốn tốt"
  };
  private static final String[] FIELDS = {
    "Kinh tế", "Văn hóa - xã hội", "Quốc phòng - an ninh", "Xây dựng hệ thống chính trị"
  };

  private KindRows() {}

  /** A dialogue the generator wrote, remembered for its petitions. */
  record Dialogue(String id, LocalDate heldOn, int raised, int answered) {}

  /** One to three dialogues of {@code commune}, satisfaction drawn around {@code satisfaction}. */
  static List<List<String>> dialogues(
      Random random,
      UnitVersion commune,
      Period quarter,
      double satisfaction,
      List<Dialogue> held,
      int batch) {
    int count = random.nextDouble() < 0.08 ? 3 : 1 + random.nextInt(2);
    List<List<String>> rows = new ArrayList<>();
    for (int i = 0; i < count; i++) {
      LocalDate day = quarter.calendarStart().plusDays(random.nextInt(85));
      int participants = 40 + random.nextInt(261);
      int returned = (int) Math.round(participants * (0.55 + 0.35 * random.nextDouble()));
      double rate = Math.min(0.995, Math.max(0.7, satisfaction + random.nextGaussian() * 0.025));
      int satisfied = (int) Math.round(returned * rate);
      int raised = random.nextInt(8);
      int answered = (int) Math.round(raised * (0.5 + 0.45 * random.nextDouble()));
      String id = id(commune, quarter, "D", i, batch);
      held.add(new Dialogue(id, day, raised, answered));
      rows.add(
          List.of(
              "",
              id,
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

  /** The petitions raised at {@code dialogue}: answered on site, resolved later, or still open. */
  static List<List<String>> petitions(Random random, Dialogue dialogue, LocalDate lastDay) {
    List<List<String>> rows = new ArrayList<>();
    for (int k = 0; k < dialogue.raised(); k++) {
      boolean onSite = k < dialogue.answered();
      LocalDate resolved =
          onSite ? dialogue.heldOn() : dialogue.heldOn().plusDays(5 + random.nextInt(35));
      boolean open = !onSite && (resolved.isAfter(lastDay) || random.nextDouble() < 0.05);
      String name =
          SURNAMES[random.nextInt(SURNAMES.length)] + " " + GIVEN[random.nextInt(GIVEN.length)];
      String phone =
          random.nextDouble() < 0.4
              ? String.format(
                  "09%d %03d %03d", random.nextInt(10), random.nextInt(1000), random.nextInt(1000))
              : "";
      rows.add(
          List.of(
              "",
              dialogue.id() + "-P" + (k + 1),
              dialogue.id(),
              SampleFiles.dayFirst(dialogue.heldOn()),
              TOPICS[random.nextInt(TOPICS.length)],
              onSite ? "Có" : "Không",
              open ? "" : SampleFiles.dayFirst(resolved),
              name,
              phone));
    }
    return rows;
  }

  /** One to three outreach rows of {@code commune}, each an aggregate of several sessions. */
  static List<List<String>> outreach(
      Random random, UnitVersion commune, Period quarter, String language, int batch) {
    int count = 1 + random.nextInt(commune.isEthnicMinorityArea() ? 3 : 2);
    List<List<String>> rows = new ArrayList<>();
    for (int i = 0; i < count; i++) {
      int sessions = 1 + random.nextInt(6);
      int participants = sessions * (30 + random.nextInt(91));
      rows.add(
          List.of(
              "",
              id(commune, quarter, "T", i, batch),
              SampleFiles.dayFirst(quarter.calendarStart().plusDays(random.nextInt(88))),
              commune.name(),
              ORGANISERS[random.nextInt(ORGANISERS.length)],
              OUTREACH_TOPICS[random.nextInt(OUTREACH_TOPICS.length)],
              language,
              Integer.toString(sessions),
              SampleFiles.vietnamese(participants)));
    }
    return rows;
  }

  /** None to two mobilisation drives of {@code commune}. */
  static List<List<String>> drives(Random random, UnitVersion commune, Period quarter, int batch) {
    int count = random.nextInt(3);
    List<List<String>> rows = new ArrayList<>();
    for (int i = 0; i < count; i++) {
      int participants = 20 + random.nextInt(381);
      double labour = participants * (0.5 + 2.5 * random.nextDouble());
      String labourDays =
          random.nextBoolean()
              ? SampleFiles.vietnamese(Math.round(labour))
              : String.format(java.util.Locale.ROOT, "%.1f", labour).replace('.', ',');
      rows.add(
          List.of(
              "",
              id(commune, quarter, "R", i, batch),
              SampleFiles.dayFirst(quarter.calendarStart().plusDays(random.nextInt(88))),
              commune.name(),
              DRIVE_TITLES[random.nextInt(DRIVE_TITLES.length)],
              SampleFiles.vietnamese(participants),
              labourDays,
              amount(random)));
    }
    return rows;
  }

  /** A record id: commune, quarter, kind letter and number (and batch when drawn several times). */
  private static String id(UnitVersion commune, Period quarter, String letter, int i, int batch) {
    String id = commune.code() + "-" + quarter.key().replace("-", "") + "-" + letter + (i + 1);
    return batch == 0 ? id : id + "-" + batch;
  }

  private static String amount(Random random) {
    return switch (random.nextInt(4)) {
      case 0 -> (5 + random.nextInt(95)) + " triệu";
      case 1 -> "1," + (1 + random.nextInt(9)) + " tỷ";
      default -> SampleFiles.vietnamese((10 + random.nextInt(490)) * 1_000_000L);
    };
  }

  /** A model's state as the generator tracks it. */
  static final class Model {
    final String id;
    String communeCode;
    String communeName;
    final String name;
    final boolean collective;
    final String field;
    final LocalDate registeredOn;
    String status = "Đăng ký";
    LocalDate statusOn;
    String level = "";

    Model(String id, UnitVersion commune, Random random, LocalDate registeredOn) {
      this.id = id;
      this.communeCode = commune.code();
      this.communeName = commune.name();
      this.name = MODEL_NAMES[random.nextInt(MODEL_NAMES.length)];
      this.collective = random.nextDouble() < 0.6;
      this.field = FIELDS[random.nextInt(FIELDS.length)];
      this.registeredOn = registeredOn;
      this.statusOn = registeredOn;
    }

    /** Moves the model one step along its life cycle, or ends it; false when nothing changed. */
    boolean advance(Random random, LocalDate on) {
      double r = random.nextDouble();
      if (status.equals("Đăng ký") && r < 0.35) {
        status = "Công nhận";
        level = random.nextDouble() < 0.7 ? "Xã" : "Huyện";
      } else if (status.equals("Công nhận") && r < 0.15) {
        status = "Khen thưởng";
      } else if (!status.equals("Dừng") && r > 0.97) {
        status = "Dừng";
      } else {
        return false;
      }
      statusOn = on;
      return true;
    }

    List<String> row() {
      return List.of(
          "",
          id,
          communeName,
          name,
          collective ? "Tập thể" : "Cá nhân",
          field,
          SampleFiles.dayFirst(registeredOn),
          status,
          SampleFiles.dayFirst(statusOn),
          level);
    }
  }
}
