package vn.danvan.generate;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import java.util.stream.Stream;

/**
 * A synthetic nation for scale: 34 provinces whose districts and communes exist until 30/06/2025,
 * and the two-tier map after (three old communes into one new), written as a reference folder that
 * the province generator then fills with landing files.
 */
public final class NationGenerator {

  /** Provinces after the 2025 reorganisation. */
  public static final int PROVINCES = 34;

  private static final int DISTRICTS = 20;
  private static final int COMMUNES = 15;
  private static final int MERGED = 3;

  // Rows the province generator writes per old commune over 2019–mid 2026 when drawn once.
  private static final double ROWS_PER_COMMUNE = 310;

  private NationGenerator() {}

  /**
   * The plan for about {@code records} rows: how many provinces, and how many draws per commune.
   *
   * @param provinces provinces to generate (at most {@link #PROVINCES})
   * @param copies draws per commune and quarter
   */
  public record Scale(int provinces, int copies) {

    /** The scale that writes about {@code records} rows. */
    public static Scale of(long records) {
      double perProvince = ROWS_PER_COMMUNE * DISTRICTS * COMMUNES;
      int provinces = (int) Math.max(1, Math.min(PROVINCES, Math.round(records / perProvince)));
      int copies = (int) Math.max(1, Math.round(records / (perProvince * provinces)));
      return new Scale(provinces, copies);
    }

    /** The old and new province codes, for the province generator. */
    public List<String> codes() {
      List<String> codes = new ArrayList<>();
      for (int p = 1; p <= provinces; p++) {
        codes.add(String.format("P%02d", p));
        codes.add(String.format("N%02d", p));
      }
      return codes;
    }
  }

  /**
   * Writes {@code units.csv} and {@code unit_lineage.csv} for {@code scale} under {@code
   * reference}, and copies the other reference files from {@code sample}.
   */
  public static void writeReference(Path reference, Path sample, Scale scale, long seed) {
    Random random = new Random(seed);
    List<String> units = new ArrayList<>();
    List<String> lineage = new ArrayList<>();
    units.add(
        "unit_code,name,level,parent_code,valid_from,valid_to,em_region,em_share,population,"
            + "em_population,population_year,figures_source");
    lineage.add("from_code,to_code,effective_on,weight,note");
    String end = "2025-06-30";
    String start = "2025-07-01";
    for (int p = 1; p <= scale.provinces(); p++) {
      String old = String.format("P%02d", p);
      String neu = String.format("N%02d", p);
      units.add(unit(old, "Tỉnh Thử " + p, "province", "", "2004-01-01", end, "", 0, "synthetic"));
      units.add(unit(neu, "Tỉnh Mới " + p, "province", "", start, "", "", 0, "synthetic"));
      lineage.add(old + "," + neu + "," + start + ",1,synthetic reorganisation");
      int merged = 0;
      for (int d = 1; d <= DISTRICTS; d++) {
        String district = old + String.format("D%02d", d);
        units.add(
            unit(
                district,
                "Huyện " + p + "-" + d,
                "district",
                old,
                "2004-01-01",
                end,
                "",
                0,
                "synthetic"));
        lineage.add(district + "," + neu + "," + start + ",1,districts abolished");
        for (int c = 1; c <= COMMUNES; c += MERGED) {
          String target = neu + String.format("X%03d", ++merged);
          int population = 0;
          String region = random.nextDouble() < 0.4 ? "III" : random.nextDouble() < 0.5 ? "I" : "";
          for (int k = c; k < c + MERGED && k <= COMMUNES; k++) {
            String commune = district + String.format("C%02d", k);
            int people = 2000 + random.nextInt(9000);
            population += people;
            units.add(
                unit(
                    commune,
                    "Xã " + p + "-" + d + "-" + k,
                    "commune",
                    district,
                    "2004-01-01",
                    end,
                    region,
                    people,
                    "synthetic"));
            lineage.add(commune + "," + target + "," + start + ",1,synthetic merger");
          }
          units.add(
              unit(
                  target,
                  "Xã Mới " + p + "-" + merged,
                  "commune",
                  neu,
                  start,
                  "",
                  region,
                  population,
                  "synthetic"));
        }
      }
    }
    try {
      Files.createDirectories(reference);
      Files.write(reference.resolve("units.csv"), units);
      Files.write(reference.resolve("unit_lineage.csv"), lineage);
      try (Stream<Path> files = Files.list(sample)) {
        for (Path f : files.toList()) {
          String name = f.getFileName().toString();
          if (!name.equals("units.csv")
              && !name.equals("unit_lineage.csv")
              && !name.equals("unit_aliases.csv")) {
            Files.copy(f, reference.resolve(name), StandardCopyOption.REPLACE_EXISTING);
          }
        }
      }
    } catch (IOException e) {
      throw new UncheckedIOException("Cannot write the synthetic reference under " + reference, e);
    }
  }

  private static String unit(
      String code,
      String name,
      String level,
      String parent,
      String from,
      String to,
      String region,
      int population,
      String source) {
    String pop = population == 0 ? "" : Integer.toString(population);
    String em = population == 0 || region.isEmpty() ? "" : Integer.toString(population * 7 / 10);
    String share = region.isEmpty() || population == 0 ? "" : "0.7000";
    return String.join(
        ",",
        code,
        name,
        level,
        parent,
        from,
        to,
        region,
        share,
        pop,
        em,
        population == 0 ? "" : "2019",
        source);
  }
}
