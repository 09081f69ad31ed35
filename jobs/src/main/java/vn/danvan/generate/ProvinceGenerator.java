package vn.danvan.generate;

import java.nio.charset.Charset;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import vn.danvan.period.Period;
import vn.danvan.reference.LineageLink;
import vn.danvan.reference.UnitDirectory;
import vn.danvan.reference.UnitVersion;

/**
 * Writes a province's landing files for every record kind from its units, deterministically from a
 * seed: districts submit until 30/06/2025, communes after; dialogues, petitions, outreach and
 * drives every quarter, "Dân vận khéo" models every half-year (the models registered or changed in
 * it).
 */
public final class ProvinceGenerator {

  /** The last day districts exist (the two-tier map starts the next day). */
  public static final LocalDate DISTRICTS_END = LocalDate.of(2025, 6, 30);

  /**
   * What to generate.
   *
   * @param landing the landing root to write under
   * @param provinces province codes whose units submit (old and new codes of the same territory)
   * @param seed the random seed: the same seed writes the same files
   * @param first the first quarter
   * @param last the last quarter
   * @param withDefects add the sample's malformed rows and files so a run shows the quarantine
   * @param copies how many times each commune's activity is drawn per quarter (1 for a realistic
   *     province; more to reach national volumes)
   * @param plain plain CSV only: no title blocks, no BOM, no workbooks or legacy encodings (what a
   *     benchmark's minimal readers need)
   */
  public record Options(
      Path landing,
      List<String> provinces,
      long seed,
      Period first,
      Period last,
      boolean withDefects,
      int copies,
      boolean plain) {}

  /**
   * What was written.
   *
   * @param files files written
   * @param rows data rows written
   */
  public record Summary(int files, long rows) {}

  private final UnitDirectory units;
  private final List<LineageLink> lineage;
  private final Map<String, List<KindRows.Model>> models = new HashMap<>();
  private final Map<String, LocalDate> arrivals = new java.util.TreeMap<>();
  private int files;
  private long rows;

  /** A generator over the map in {@code units} and its {@code lineage}. */
  public ProvinceGenerator(UnitDirectory units, List<LineageLink> lineage) {
    this.units = units;
    this.lineage = lineage;
  }

  /** Writes the landing files {@code options} asks for. */
  public Summary generate(Options options) {
    Random random = new Random(options.seed());
    Map<String, Double> satisfaction = new HashMap<>();
    for (Period quarter = options.first();
        !quarter.calendarStart().isAfter(options.last().calendarStart());
        quarter = next(quarter)) {
      LocalDate on = quarter.calendarStart().plusDays(40);
      if (!quarter.calendarStart().isAfter(DISTRICTS_END.plusDays(1))
          && quarter.calendarStart().isAfter(DISTRICTS_END)) {
        moveModelsToSuccessors(on);
      }
      for (UnitVersion reporter : reporters(options.provinces(), on)) {
        Submission s = new Submission(options, reporter, quarter);
        List<KindRows.Dialogue> held = new ArrayList<>();
        for (UnitVersion commune : communesOf(reporter, on)) {
          double base =
              satisfaction.computeIfAbsent(
                  commune.code(),
                  c -> 0.86 + 0.09 * new Random(options.seed() ^ c.hashCode()).nextDouble());
          double trend = 0.003 * (quarter.calendarStart().getYear() - 2019);
          for (int batch = 0; batch < options.copies(); batch++) {
            s.dialogues.addAll(
                KindRows.dialogues(random, commune, quarter, base + trend, held, batch));
            s.outreach.addAll(
                KindRows.outreach(random, commune, quarter, language(commune, random), batch));
            s.drives.addAll(KindRows.drives(random, commune, quarter, batch));
          }
        }
        for (KindRows.Dialogue d : held) {
          s.petitions.addAll(KindRows.petitions(random, d, options.last().calendarEnd()));
        }
        if (quarter.key().endsWith("Q2") || quarter.key().endsWith("Q4")) {
          s.models.addAll(modelRows(random, reporter, quarter, on));
          if (options.withDefects()
              && reporter.code().equals("SMC")
              && quarter.key().equals("2024-Q2")) {
            s.models.add(regressed(reporter, on, s.models));
          }
        }
        if (options.withDefects()) {
          SampleDefects.apply(this, s, random);
        }
        s.write(this);
      }
    }
    writeArrivals(options.landing());
    return new Summary(files, rows);
  }

  /**
   * Records when the province's document register says a file arrived: most within two weeks of the
   * period's end, some weeks late, a few months late.
   */
  void arrived(Submission s, Path file, int extraDays) {
    Random r = new Random(file.toString().hashCode());
    double draw = r.nextDouble();
    int days =
        draw < 0.8 ? 3 + r.nextInt(12) : draw < 0.95 ? 15 + r.nextInt(26) : 40 + r.nextInt(50);
    String relative = s.options.landing().relativize(file).toString().replace('\\', '/');
    arrivals.put(relative, s.quarter.calendarEnd().plusDays(days + extraDays));
  }

  private void writeArrivals(Path landing) {
    List<List<String>> register = new ArrayList<>();
    arrivals.forEach((file, day) -> register.add(List.of(file, SampleFiles.dayFirst(day))));
    SampleFiles.writeRegister(landing.resolve("_arrivals.csv"), register);
  }

  /** The rows of one reporting unit for one quarter, kind by kind. */
  static final class Submission {
    final Options options;
    final UnitVersion reporter;
    final Period quarter;
    final List<List<String>> dialogues = new ArrayList<>();
    final List<List<String>> petitions = new ArrayList<>();
    final List<List<String>> outreach = new ArrayList<>();
    final List<List<String>> drives = new ArrayList<>();
    final List<List<String>> models = new ArrayList<>();
    final List<Runnable> extraFiles = new ArrayList<>();

    Submission(Options options, UnitVersion reporter, Period quarter) {
      this.options = options;
      this.reporter = reporter;
      this.quarter = quarter;
    }

    String code() {
      return reporter.code();
    }

    Path file(String kind, String name) {
      return options.landing().resolve(kind).resolve(reporter.code()).resolve(name);
    }

    void write(ProvinceGenerator g) {
      String q = quarter.key();
      boolean titled = !options.plain() && Math.floorMod(code().hashCode(), 2) == 0;
      if (!options.plain() && code().equals("BT") && q.startsWith("2024")) {
        g.xlsx(
            this,
            "dialogues",
            q,
            dialogues,
            new SampleFiles.XlsxLayout(false, true, -1, null, 11, "Số phiếu"));
      } else if (!options.plain() && code().equals("LCC")) {
        g.csv(this, "dialogues", q, withCodes(dialogues), StandardCharsets.UTF_8, titled, "Mã xã");
      } else {
        g.csv(this, "dialogues", q, dialogues, StandardCharsets.UTF_8, titled, null);
      }
      g.csv(this, "petitions", q, petitions, StandardCharsets.UTF_8, false, null);
      if (!options.plain() && code().equals("SMC")) {
        g.xlsx(
            this,
            "outreach",
            q,
            outreach,
            new SampleFiles.XlsxLayout(true, false, -1, null, -1, null));
      } else if (!options.plain() && code().equals("VB")) {
        g.csv(this, "outreach", q, outreach, Charset.forName("windows-1258"), titled, null);
      } else {
        g.csv(this, "outreach", q, outreach, StandardCharsets.UTF_8, titled, null);
      }
      if (!options.plain() && code().equals("BX")) {
        g.xlsx(
            this,
            "drives",
            q,
            drives,
            new SampleFiles.XlsxLayout(false, true, 6, "ROUND(F{row}*1.5,1)", -1, null));
      } else {
        g.csv(this, "drives", q, drives, StandardCharsets.UTF_8, titled, null);
      }
      String half = quarter.calendarStart().getYear() + (q.endsWith("Q2") ? "-H1" : "-H2");
      if (q.endsWith("Q2") || q.endsWith("Q4")) {
        g.csv(this, "models", half, models, StandardCharsets.UTF_8, titled, null);
      }
      extraFiles.forEach(Runnable::run);
    }

    private List<List<String>> withCodes(List<List<String>> data) {
      List<List<String>> coded = new ArrayList<>();
      int column = Templates.DIALOGUES.indexOf("Tên xã");
      for (List<String> row : data) {
        List<String> r = new ArrayList<>(row);
        r.set(column, r.get(1).substring(0, r.get(1).indexOf('-')));
        coded.add(r);
      }
      return coded;
    }
  }

  void csv(
      Submission s,
      String kind,
      String period,
      List<List<String>> data,
      Charset charset,
      boolean titled,
      String communeHeader) {
    csvNamed(s, kind, period + ".csv", data, charset, titled, communeHeader);
  }

  void csvNamed(
      Submission s,
      String kind,
      String name,
      List<List<String>> data,
      Charset charset,
      boolean titled,
      String communeHeader) {
    if (data.isEmpty()) {
      return;
    }
    List<String> header = new ArrayList<>(header(kind));
    if (communeHeader != null) {
      header.set(header.indexOf("Tên xã"), communeHeader);
    }
    SampleFiles.writeCsv(
        s.file(kind, name),
        titled ? title(kind, s) : List.of(),
        header,
        numbered(data),
        charset,
        !s.options.plain() && files % 3 == 0);
    arrived(s, s.file(kind, name), 0);
    files++;
    rows += data.size();
  }

  void xlsx(
      Submission s,
      String kind,
      String period,
      List<List<String>> data,
      SampleFiles.XlsxLayout layout) {
    if (data.isEmpty()) {
      return;
    }
    List<String> header = new ArrayList<>(header(kind));
    if (layout.groupColumn() >= 0) {
      header.set(layout.groupColumn(), "Thu về");
      header.set(layout.groupColumn() + 1, "Hài lòng");
    }
    SampleFiles.writeXlsx(
        s.file(kind, period + ".xlsx"), title(kind, s), header, numbered(data), layout);
    arrived(s, s.file(kind, period + ".xlsx"), 0);
    files++;
    rows += data.size();
  }

  private static List<String> header(String kind) {
    return switch (kind) {
      case "dialogues" -> Templates.DIALOGUES;
      case "petitions" -> Templates.PETITIONS;
      case "outreach" -> Templates.OUTREACH;
      case "drives" -> Templates.DRIVES;
      default -> Templates.MODELS;
    };
  }

  private static List<String> title(String kind, Submission s) {
    return List.of(
        Templates.title(kind),
        "Đơn vị: " + s.reporter.name() + " — Kỳ báo cáo: " + s.quarter.key(),
        "");
  }

  /** The rows with their running number ("STT") filled in. */
  private static List<List<String>> numbered(List<List<String>> data) {
    List<List<String>> numbered = new ArrayList<>();
    for (int i = 0; i < data.size(); i++) {
      List<String> r = new ArrayList<>(data.get(i));
      r.set(0, Integer.toString(i + 1));
      numbered.add(r);
    }
    return numbered;
  }

  private List<List<String>> modelRows(
      Random random, UnitVersion reporter, Period quarter, LocalDate on) {
    List<List<String>> result = new ArrayList<>();
    LocalDate halfStart = quarter.calendarStart().minusMonths(3);
    for (UnitVersion commune : communesOf(reporter, on)) {
      List<KindRows.Model> list = models.computeIfAbsent(commune.code(), c -> new ArrayList<>());
      for (KindRows.Model m : list) {
        if (m.advance(random, halfStart.plusDays(random.nextInt(170)))) {
          if (m.statusOn.isAfter(DISTRICTS_END) && m.level.equals("Huyện")) {
            m.level = "Xã";
          }
          result.add(m.row());
        }
      }
      int registered = random.nextInt(3);
      for (int i = 0; i < registered; i++) {
        KindRows.Model m =
            new KindRows.Model(
                commune.code() + "-M" + String.format("%03d", list.size() + 1),
                commune,
                random,
                halfStart.plusDays(random.nextInt(170)));
        list.add(m);
        result.add(m.row());
      }
    }
    return result;
  }

  /** A defect for the sample: a model recognised earlier, reported as merely registered again. */
  private List<String> regressed(UnitVersion reporter, LocalDate on, List<List<String>> reported) {
    for (UnitVersion commune : communesOf(reporter, on)) {
      for (KindRows.Model m : models.getOrDefault(commune.code(), List.of())) {
        boolean unchanged = reported.stream().noneMatch(r -> r.get(1).equals(m.id));
        if (m.status.equals("Công nhận") && unchanged) {
          List<String> row = new ArrayList<>(m.row());
          row.set(7, "Đăng ký");
          row.set(8, SampleFiles.dayFirst(on));
          row.set(9, "");
          return row;
        }
      }
    }
    throw new IllegalStateException("no recognised model in " + reporter.code());
  }

  /** From 01/07/2025 a model belongs to the commune that took over most of its old commune. */
  private void moveModelsToSuccessors(LocalDate on) {
    Map<String, List<KindRows.Model>> moved = new HashMap<>();
    models.forEach(
        (code, list) -> {
          String to =
              lineage.stream()
                  .filter(l -> l.fromCode().equals(code) && !l.effectiveOn().isAfter(on))
                  .max(Comparator.comparingDouble(LineageLink::weight))
                  .map(LineageLink::toCode)
                  .orElse(code);
          UnitVersion successor = units.on(to, on).orElse(null);
          for (KindRows.Model m : list) {
            if (successor != null) {
              m.communeCode = successor.code();
              m.communeName = successor.name();
            }
            moved
                .computeIfAbsent(
                    successor == null ? code : successor.code(), c -> new ArrayList<>())
                .add(m);
          }
        });
    models.clear();
    models.putAll(moved);
  }

  private static String language(UnitVersion commune, Random random) {
    if (!commune.isEthnicMinorityArea() || random.nextDouble() < 0.4) {
      return "Tiếng Việt";
    }
    String[] languages = {"Tiếng Mông", "Tiếng Dao", "Tiếng Tày", "Tiếng Giáy", "Tiếng Nùng"};
    return languages[random.nextInt(languages.length)];
  }

  /** Districts before the two-tier map, communes after it. */
  private List<UnitVersion> reporters(List<String> provinces, LocalDate on) {
    String level = on.isAfter(DISTRICTS_END) ? UnitDirectory.COMMUNE : "district";
    return units.versions().stream()
        .filter(u -> u.validOn(on) && u.level().equals(level))
        .filter(u -> provinces.stream().anyMatch(p -> units.isWithin(u.code(), p, on)))
        .sorted(Comparator.comparing(UnitVersion::code))
        .toList();
  }

  private List<UnitVersion> communesOf(UnitVersion reporter, LocalDate on) {
    if (reporter.level().equals(UnitDirectory.COMMUNE)) {
      return List.of(reporter);
    }
    return units.versions().stream()
        .filter(u -> u.validOn(on) && u.level().equals(UnitDirectory.COMMUNE))
        .filter(u -> reporter.code().equals(u.parentCode()))
        .sorted(Comparator.comparing(UnitVersion::code))
        .toList();
  }

  private static Period next(Period quarter) {
    LocalDate start = quarter.calendarStart().plusMonths(3);
    return Period.quarter(start.getYear(), (start.getMonthValue() + 2) / 3);
  }
}
