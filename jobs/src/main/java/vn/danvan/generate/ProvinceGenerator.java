package vn.danvan.generate;

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
import vn.danvan.reference.UnitDirectory;
import vn.danvan.reference.UnitVersion;

/**
 * Writes a province's landing files from its units, deterministically from a seed: districts submit
 * until 30/06/2025, communes after; each commune holds one or two dialogues a quarter.
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
   * @param withDefects add the sample's malformed rows to one file so a run shows the quarantine
   */
  public record Options(
      Path landing,
      List<String> provinces,
      long seed,
      Period first,
      Period last,
      boolean withDefects) {}

  /**
   * What was written.
   *
   * @param files files written
   * @param rows data rows written
   */
  public record Summary(int files, long rows) {}

  private final UnitDirectory units;

  /** A generator over the map in {@code units}. */
  public ProvinceGenerator(UnitDirectory units) {
    this.units = units;
  }

  /** Writes the landing files {@code options} asks for. */
  public Summary generate(Options options) {
    Random random = new Random(options.seed());
    Map<String, Double> satisfaction = new HashMap<>();
    int files = 0;
    long rows = 0;
    for (Period quarter = options.first();
        !quarter.calendarStart().isAfter(options.last().calendarStart());
        quarter = next(quarter)) {
      LocalDate on = quarter.calendarStart().plusDays(40);
      for (UnitVersion reporter : reporters(options.provinces(), on)) {
        List<List<String>> data = new ArrayList<>();
        int[] sequence = {0};
        for (UnitVersion commune : communesOf(reporter, on)) {
          double base =
              satisfaction.computeIfAbsent(
                  commune.code(),
                  c -> 0.86 + 0.09 * new Random(options.seed() ^ c.hashCode()).nextDouble());
          double trend = 0.003 * (quarter.calendarStart().getYear() - 2019);
          data.addAll(DialogueRows.of(random, commune, quarter, base + trend, sequence));
        }
        if (data.isEmpty()) {
          continue;
        }
        Path file =
            options
                .landing()
                .resolve("dialogues")
                .resolve(reporter.code())
                .resolve(quarter.key() + ".csv");
        if (options.withDefects() && isDefectFile(reporter, quarter)) {
          data.addAll(SampleDefects.dialogues(data.get(0), quarter));
        }
        List<String> header = DialogueRows.HEADER;
        if (reporter.code().equals("LCC")) {
          header = withCodes(header);
          data = withCodes(data, on);
        }
        SampleFiles.writeCsv(
            file, title(reporter, quarter), header, data, StandardCharsets.UTF_8, files % 3 == 0);
        files++;
        rows += data.size();
      }
    }
    return new Summary(files, rows);
  }

  private static boolean isDefectFile(UnitVersion reporter, Period quarter) {
    return reporter.code().equals("MK") && quarter.key().equals("2022-Q3");
  }

  /** Districts and towns before the two-tier map, communes after it. */
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

  private static List<String> title(UnitVersion reporter, Period quarter) {
    if (reporter.code().hashCode() % 2 != 0) {
      return List.of();
    }
    return List.of(
        "BÁO CÁO KẾT QUẢ TIẾP XÚC, ĐỐI THOẠI TRỰC TIẾP GIỮA NGƯỜI ĐỨNG ĐẦU CẤP ỦY, CHÍNH QUYỀN VỚI NHÂN DÂN",
        "Đơn vị: " + reporter.name() + " — Kỳ báo cáo: " + quarter.key(),
        "");
  }

  private static List<String> withCodes(List<String> header) {
    List<String> h = new ArrayList<>(header);
    h.set(h.indexOf("Tên xã"), "Mã xã");
    return h;
  }

  private List<List<String>> withCodes(List<List<String>> data, LocalDate on) {
    int column = DialogueRows.HEADER.indexOf("Tên xã");
    List<List<String>> coded = new ArrayList<>();
    for (List<String> row : data) {
      List<String> r = new ArrayList<>(row);
      String name = r.get(column);
      r.set(
          column,
          units.versions().stream()
              .filter(
                  u ->
                      u.validOn(on)
                          && u.name().equals(name)
                          && u.parentCode() != null
                          && u.parentCode().equals("LCC"))
              .map(UnitVersion::code)
              .findFirst()
              .orElse(name));
      coded.add(r);
    }
    return coded;
  }

  private static Period next(Period quarter) {
    LocalDate start = quarter.calendarStart().plusMonths(3);
    return Period.quarter(start.getYear(), (start.getMonthValue() + 2) / 3);
  }
}
