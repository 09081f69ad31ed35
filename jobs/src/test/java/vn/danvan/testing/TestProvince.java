package vn.danvan.testing;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;
import vn.danvan.job.JobContext;
import vn.danvan.job.Pipeline;
import vn.danvan.ops.RunLedger;
import vn.danvan.reference.ReferenceData;
import vn.danvan.warehouse.Snapshot;
import vn.danvan.warehouse.Storage;
import vn.danvan.warehouse.Warehouse;

/**
 * A throw-away province for one test: the project's reference files with a small map of units
 * written over them, an empty landing folder, a warehouse and an output folder, all under a temp
 * directory.
 */
public final class TestProvince {

  /** A tiny map: province P with districts D1 (communes C11, C12) and D2 (commune C21). */
  public static final String TINY_UNITS =
      """
      unit_code,name,level,parent_code,valid_from,valid_to,em_region,em_share,population,em_population,population_year,figures_source
      P,Tỉnh Thử,province,,2000-01-01,,,,10000,6000,2019,test
      D1,Huyện Một,district,P,2000-01-01,,,,6000,3000,2019,test
      D2,Huyện Hai,district,P,2000-01-01,,,,4000,3000,2019,test
      C11,Xã Phố Ràng,commune,D1,2000-01-01,,I,0.5,3000,1500,2019,test
      C12,Xã Bảo Hà,commune,D1,2000-01-01,,III,0.5,3000,1500,2019,test
      C21,Xã Thanh Bình,commune,D2,2000-01-01,,III,0.75,4000,3000,2019,test
      """;

  /** The stages from landing to gold: what the pipeline tests run. */
  public static final List<Pipeline.Stage> TO_GOLD =
      List.of(Pipeline.Stage.INGEST, Pipeline.Stage.REFINE, Pipeline.Stage.INDICATORS);

  private final Path root;

  private TestProvince(Path root) {
    this.root = root;
  }

  /** A province whose units.csv is {@code units} and whose lineage is {@code lineage}. */
  public static TestProvince create(String units, String lineage) {
    try {
      Path root = Files.createTempDirectory("danvan-test");
      Path reference = Files.createDirectories(root.resolve("reference"));
      try (Stream<Path> files = Files.list(repository().resolve("data/reference"))) {
        for (Path f : files.toList()) {
          Files.copy(f, reference.resolve(f.getFileName()));
        }
      }
      Files.writeString(reference.resolve("units.csv"), units, StandardCharsets.UTF_8);
      Files.writeString(reference.resolve("unit_lineage.csv"), lineage, StandardCharsets.UTF_8);
      Files.deleteIfExists(reference.resolve("unit_aliases.csv"));
      // Tests write their landing files a moment before they run: no pause to see them settle.
      Files.writeString(
          reference.resolve("settings.properties"),
          "\nlanding_settle_seconds = 0\n",
          StandardCharsets.UTF_8,
          java.nio.file.StandardOpenOption.APPEND);
      Files.createDirectories(root.resolve("landing"));
      return new TestProvince(root);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  /** The tiny province with no lineage. */
  public static TestProvince tiny() {
    return create(TINY_UNITS, "from_code,to_code,effective_on,weight,note\n");
  }

  /** The repository's root (tests run from {@code jobs/}). */
  public static Path repository() {
    String configured = System.getProperty("danvan.repo");
    Path candidate = configured != null ? Path.of(configured) : Path.of("..").toAbsolutePath();
    return Files.exists(candidate.resolve("data/reference"))
        ? candidate
        : Path.of(".").toAbsolutePath();
  }

  /** Sets {@code key} to {@code value} in the province's settings.properties. */
  public void setting(String key, String value) {
    try {
      Files.writeString(
          reference().resolve("settings.properties"),
          "\n" + key + " = " + value + "\n",
          StandardCharsets.UTF_8,
          java.nio.file.StandardOpenOption.APPEND);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  /** The temp directory holding everything. */
  public Path root() {
    return root;
  }

  /** The landing folder. */
  public Path landing() {
    return root.resolve("landing");
  }

  /** The reference folder. */
  public Path reference() {
    return root.resolve("reference");
  }

  /** The warehouse folder. */
  public Path warehouse() {
    return root.resolve("warehouse");
  }

  /** The output folder. */
  public Path out() {
    return root.resolve("out");
  }

  /**
   * {@code danvan}'s arguments for {@code command} (its name and own options) over this province:
   * its landing, reference, warehouse and output folders.
   */
  public String[] commandLine(String... command) {
    List<String> args = new ArrayList<>(List.of(command));
    args.addAll(
        List.of(
            "--landing", landing().toString(),
            "--reference", reference().toString(),
            "--warehouse", warehouse().toString(),
            "--out", out().toString()));
    return args.toArray(String[]::new);
  }

  /** Writes a landing file at {@code relativePath} with {@code text} in UTF-8. */
  public Path write(String relativePath, String text) {
    return write(relativePath, text.getBytes(StandardCharsets.UTF_8));
  }

  /** Writes a landing file at {@code relativePath} with {@code bytes}. */
  public Path write(String relativePath, byte[] bytes) {
    try {
      Path file = landing().resolve(relativePath);
      Files.createDirectories(file.getParent());
      Files.write(file, bytes);
      return file;
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  /** Deletes a landing file. */
  public void delete(String relativePath) {
    try {
      Files.delete(landing().resolve(relativePath));
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  /** A run context over this province on {@code today}. */
  public JobContext context(LocalDate today) {
    return context(today, null);
  }

  /** A run context over this province on {@code today}, reading the tables as of {@code asOf}. */
  public JobContext context(LocalDate today, String asOf) {
    Storage storage = new Storage(SharedSpark.get());
    Instant started = Instant.now();
    Warehouse warehouse = new Warehouse(SharedSpark.get(), warehouse().toString());
    return new JobContext(
        SharedSpark.get(),
        warehouse,
        storage,
        storage.qualify(landing().toString()),
        out().toString(),
        ReferenceData.load(storage, storage.qualify(reference().toString())),
        JobContext.newRunId(started),
        started,
        today,
        "vi",
        Snapshot.asOf(warehouse, asOf, JobContext.VIETNAM),
        new RunLedger(warehouse));
  }
}
