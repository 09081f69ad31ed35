package vn.danvan.bench;

import java.io.IOException;
import java.io.Reader;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.attribute.FileTime;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Properties;
import java.util.TreeMap;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.apache.commons.csv.CSVFormat;
import org.apache.commons.csv.CSVParser;
import org.apache.commons.csv.CSVRecord;
import org.apache.commons.io.file.PathUtils;

/**
 * The benchmark: for each size, generates a synthetic nation, then measures our full run, the
 * platform floor (a minimal Spark + Delta job; below {@link #LARGE} records) and DuckDB on the same
 * files, checks that they agree on the five indicators, and measures an incremental run against the
 * same file into an empty warehouse and against DuckDB's recompute from all the files. The full run
 * takes yesterday as its day, so that the runs after it come a day later, as a nightly run does: a
 * run with nothing new, on a copy, and the new file's run (the resubmission and a models file
 * follow it the same day). Prints one table. Run it with {@code bin/bench}.
 */
public final class Benchmark {

  private static final Pattern STAGES = Pattern.compile("stage times: (.*)");
  private static final String FIVE =
      "'DLG_COUNT', 'SAT_RATE', 'OUT_PARTICIPANTS', 'OUT_EM_PER_AREA', 'MDL_RECOG_RATE'";

  /**
   * From this size on only the scheduled case is measured: the full run builds the warehouse, the
   * incremental runs are timed against DuckDB's full recompute; no platform floor (hours here).
   */
  static final long LARGE = 100_000_000L;

  /** The district-quarter file the incremental run adds to a size's landing. */
  static final String NEW_FILE = "dialogues/N01X001/2026-Q3.csv";

  /** A commune's models file of the current half: one new model, the nightly case of states. */
  static final String MODELS_FILE = "models/N01X001/2026-H2.csv";

  /** The reported quarter the resubmission changes, put back afterwards. */
  static final String RESUBMITTED = "dialogues/N01X002/2026-Q2.csv";

  /** Under a size's folder: the resubmitted file as generated, while the bench has changed it. */
  static final String ORIGINAL = "resubmitted-original.csv";

  /**
   * Under a size's folder, from {@link #LARGE} records on: the full run's warehouse and out as it
   * left them, and its measured row, for {@code --resume}.
   */
  static final String KEPT = "full-run";

  private final Path repo;
  private final Path work;
  private final boolean resume;
  private final List<String> table = new ArrayList<>();

  private Benchmark(Path repo, Path work, boolean resume) {
    this.repo = repo;
    this.work = work;
    this.resume = resume;
  }

  /**
   * Arguments: {@code --records 1000000,10000000} {@code --work DIR} {@code --large} {@code
   * --resume}; or {@code --local-writes} alone.
   */
  public static void main(String[] args) throws Exception {
    List<Long> sizes = new ArrayList<>(List.of(1_000_000L, 10_000_000L));
    Path work = Path.of(System.getProperty("java.io.tmpdir"), "danvan-bench");
    boolean large = false;
    boolean resume = false;
    if (List.of(args).equals(List.of("--local-writes"))) {
      new Benchmark(Path.of("").toAbsolutePath(), work, false).localWrites();
      return;
    }
    for (int i = 0; i < args.length; i++) {
      switch (args[i]) {
        case "--records" -> {
          sizes.clear();
          for (String s : args[++i].split(",")) {
            sizes.add(Long.parseLong(s.replace("_", "")));
          }
        }
        case "--work" -> work = Path.of(args[++i]);
        case "--large" -> large = true;
        case "--resume" -> resume = true;
        default -> throw new IllegalArgumentException("unknown argument " + args[i]);
      }
    }
    Benchmark b = new Benchmark(Path.of("").toAbsolutePath(), work, resume);
    b.row("records", "step", "wall s", "peak RSS MiB", "notes");
    if (large && !sizes.contains(LARGE)) {
      sizes.add(LARGE);
    }
    for (long n : sizes) {
      b.measure(n);
    }
    System.out.println();
    System.out.println(
        "Benchmark on "
            + Runtime.getRuntime().availableProcessors()
            + " cores, "
            + LocalDate.now()
            + ":");
    b.table.forEach(System.out::println);
  }

  /**
   * {@link LocalWrites} with the job's local file system and with Hadoop's, alternately, twice
   * each: what starting a process per file and rename costs a run's small Delta writes.
   */
  private void localWrites() throws Exception {
    Map<String, List<String>> systems = new LinkedHashMap<>();
    systems.put("the job's (ForklessLocalFileSystem)", List.of());
    systems.put(
        "Hadoop's (LocalFileSystem, LocalFs)",
        List.of(
            "-Dspark.hadoop.fs.file.impl=org.apache.hadoop.fs.LocalFileSystem",
            "-Dspark.hadoop.fs.AbstractFileSystem.file.impl=org.apache.hadoop.fs.local.LocalFs"));
    Path dir = work.resolve("local-writes");
    System.out.println(
        "Local Delta writes on "
            + Runtime.getRuntime().availableProcessors()
            + " cores, "
            + LocalDate.now()
            + ":");
    for (int round = 1; round <= 2; round++) {
      for (Map.Entry<String, List<String>> system : systems.entrySet()) {
        if (Files.exists(dir)) {
          PathUtils.deleteDirectory(dir);
        }
        List<String> command = javaCommand(LocalWrites.class.getName(), dir.toString());
        command.addAll(1, system.getValue()); // -Dspark.… win over the job's defaults
        Measured m = check(Measured.run(repo, command), "local writes");
        System.out.printf(Locale.ROOT, "  %-40s %s%n", system.getKey(), lastLine(m.output()));
      }
    }
  }

  private void measure(long records) throws Exception {
    Path dir = work.resolve(Long.toString(records));
    Path landing = dir.resolve("landing");
    Path reference = dir.resolve("reference");
    String n = String.format(Locale.ROOT, "%,d", records);
    if (!Files.exists(dir.resolve("generated"))) {
      PathUtils.deleteDirectory(dir.toFile().exists() ? dir : Files.createDirectories(dir));
      Measured g =
          check(
              Measured.run(
                  repo,
                  List.of(
                      "bin/danvan",
                      "generate",
                      "--scale",
                      "nation",
                      "--plain",
                      "--seed",
                      "7",
                      "--records",
                      Long.toString(records),
                      "--landing",
                      landing.toString(),
                      "--reference",
                      reference.toString())),
              "generate");
      Files.writeString(dir.resolve("generated"), g.output());
      row(n, "danvan generate --scale nation", fmt(g.seconds()), "", lastLine(g.output()));
    }
    restoreLanding(dir);
    Path warehouse = dir.resolve("warehouse");
    Path out = dir.resolve("out");
    Path kept = dir.resolve(KEPT);
    FullRun ours;
    if (resume && Files.exists(kept.resolve(FullRun.FILE))) {
      ours = FullRun.read(kept);
      copyTree(kept.resolve("warehouse"), warehouse);
      copyTree(kept.resolve("out"), out);
      row(
          n,
          "danvan run (full), kept from " + ours.measuredOn(),
          fmt(ours.seconds()),
          Long.toString(ours.peakRssMb()),
          ours.stages());
    } else {
      PathUtils.deleteDirectory(Files.createDirectories(kept));
      // From nothing: with the packs of an earlier bench left in out, publish found them unchanged
      // and drew none, and the runs after read the manifests of that earlier code.
      PathUtils.deleteDirectory(Files.createDirectories(warehouse));
      PathUtils.deleteDirectory(Files.createDirectories(out));
      Measured m =
          check(
              run(landing, reference, warehouse, out, "--today", yesterday().toString()),
              "danvan run");
      ours = new FullRun(m.seconds(), m.peakRssMb(), stages(m.output()), LocalDate.now());
      row(
          n,
          "danvan run (full)",
          fmt(ours.seconds()),
          Long.toString(ours.peakRssMb()),
          ours.stages());
      if (records >= LARGE) {
        copyTree(warehouse, kept.resolve("warehouse"));
        copyTree(out, kept.resolve("out"));
        ours.write(kept);
      }
    }
    Map<String, Double> oursValues = ourFive(warehouse);
    Map<String, Double> floorValues = null;
    if (records < LARGE) {
      Path floorWarehouse = dir.resolve("floor");
      PathUtils.deleteDirectory(Files.createDirectories(floorWarehouse));
      Path floorCsv = dir.resolve("floor.csv");
      Measured floor =
          check(
              Measured.run(
                  repo,
                  javaCommand(
                      "vn.danvan.bench.PlatformFloor",
                      landing.toString(),
                      reference.toString(),
                      floorWarehouse.toString(),
                      floorCsv.toString())),
              "platform floor");
      row(
          n,
          "platform floor (minimal Spark + Delta)",
          fmt(floor.seconds()),
          Long.toString(floor.peakRssMb()),
          "ours / floor = " + fmt(ours.seconds() / floor.seconds()));
      floorValues = readCsv(floorCsv);
    }
    long start = System.nanoTime();
    Map<String, Double> duck = DuckDbFive.compute(landing.toString(), reference.toString());
    double duckSeconds = (System.nanoTime() - start) / 1e9;
    row(
        n,
        "DuckDB (same five, same files)",
        fmt(duckSeconds),
        "",
        "ours / DuckDB = " + fmt(ours.seconds() / duckSeconds));
    row(n, "agreement", "", "", agreement(oursValues, floorValues, duck));
    Size size = new Size(n, dir, landing, reference, warehouse);
    nothingNew(size, out);
    incremental(size, ours.seconds(), duckSeconds);
  }

  /** The day before today in Vietnam: the full run's day. */
  static LocalDate yesterday() {
    return LocalDate.now(ZoneId.of("Asia/Ho_Chi_Minh")).minusDays(1);
  }

  /**
   * A run a day after the full run with nothing new landed, on a copy of its warehouse (the runs
   * after it still find the full run's day): what the passing of a day costs alone.
   */
  private void nothingNew(Size size, Path out) throws Exception {
    Path copy = size.dir().resolve("nothing-new");
    copyTree(size.warehouse(), copy.resolve("warehouse"));
    copyTree(out, copy.resolve("out"));
    Measured m =
        check(
            run(size.landing(), size.reference(), copy.resolve("warehouse"), copy.resolve("out")),
            "danvan run with nothing new");
    row(
        size.n(),
        "a day later, nothing new (a copy of the full warehouse)",
        fmt(m.seconds()),
        Long.toString(m.peakRssMb()),
        stages(m.output()));
    PathUtils.deleteDirectory(copy);
  }

  /** One size's measured warehouse: its label, work folder, landing, reference and warehouse. */
  private record Size(String n, Path dir, Path landing, Path reference, Path warehouse) {}

  /** A full run's measured row: kept with its warehouse from {@link #LARGE} records on. */
  record FullRun(double seconds, long peakRssMb, String stages, LocalDate measuredOn) {

    static final String FILE = "measured.properties";

    /** Written last: a kept warehouse without it was not copied whole. */
    void write(Path dir) throws IOException {
      Properties p = new Properties();
      p.setProperty("seconds", Double.toString(seconds));
      p.setProperty("peakRssMb", Long.toString(peakRssMb));
      p.setProperty("stages", stages);
      p.setProperty("measuredOn", measuredOn.toString());
      try (Writer w = Files.newBufferedWriter(dir.resolve(FILE))) {
        p.store(w, "the full run whose warehouse and out are kept here");
      }
    }

    static FullRun read(Path dir) throws IOException {
      Properties p = new Properties();
      try (Reader r = Files.newBufferedReader(dir.resolve(FILE))) {
        p.load(r);
      }
      return new FullRun(
          Double.parseDouble(p.getProperty("seconds")),
          Long.parseLong(p.getProperty("peakRssMb")),
          p.getProperty("stages"),
          LocalDate.parse(p.getProperty("measuredOn")));
    }
  }

  /**
   * Replaces {@code target} with a copy of {@code source}. Parquet files are hard-linked, not
   * copied: Delta never changes a data file once written (it writes new ones and, on VACUUM,
   * deletes old ones, which leaves the other link), so the 100 M warehouse is kept in seconds and
   * without a second copy on disk; its log, checksums and everything else are copied.
   */
  static void copyTree(Path source, Path target) throws IOException {
    if (Files.exists(target)) {
      PathUtils.deleteDirectory(target);
    }
    try (Stream<Path> paths = Files.walk(source)) {
      for (Path from : (Iterable<Path>) paths::iterator) {
        Path to = target.resolve(source.relativize(from).toString());
        if (Files.isDirectory(from)) {
          Files.createDirectories(to);
        } else if (from.getFileName().toString().endsWith(".parquet")) {
          Files.createLink(to, from);
        } else {
          Files.copy(from, to, StandardCopyOption.COPY_ATTRIBUTES);
        }
      }
    }
  }

  /**
   * Puts a size's landing back as generated after a bench stopped inside its incremental runs:
   * removes the new files and puts the resubmitted file's original back.
   */
  static void restoreLanding(Path dir) throws IOException {
    Files.deleteIfExists(dir.resolve("landing").resolve(NEW_FILE));
    Files.deleteIfExists(dir.resolve("landing").resolve(MODELS_FILE));
    Path original = dir.resolve(ORIGINAL);
    if (Files.exists(original)) {
      Files.copy(
          original,
          dir.resolve("landing").resolve(RESUBMITTED),
          StandardCopyOption.REPLACE_EXISTING,
          StandardCopyOption.COPY_ATTRIBUTES);
      Files.delete(original);
    }
  }

  private void incremental(Size size, double fullSeconds, double duckSeconds) throws Exception {
    String name = NEW_FILE;
    String header =
        "STT,Mã cuộc,Ngày tổ chức,Tên xã,Cấp chủ trì,Chức danh người chủ trì,Hình thức,Đối tượng,"
            + "Số người tham dự,Số ý kiến kiến nghị,Số ý kiến trả lời tại chỗ,Số phiếu thu về,"
            + "Số phiếu hài lòng,Ghi chú\r\n";
    String rows =
        "1,N01X001-2026Q3-B1,15/07/2026,Xã Mới 1-1,Xã,Bí thư,Trực tiếp,Nhân dân,120,3,2,100,92,\r\n"
            + "2,N01X001-2026Q3-B2,20/08/2026,Xã Mới 1-1,Xã,Chủ tịch,Trực tiếp,Nông dân,80,1,1,60,55,\r\n";
    Path file = size.landing().resolve(name);
    Files.createDirectories(file.getParent());
    Files.writeString(file, header + rows, StandardCharsets.UTF_8);
    // A district's file lands before the scheduled run, not during it: date it a minute back so
    // that the run does not pause to see whether it is still being written.
    Files.setLastModifiedTime(file, FileTime.from(Instant.now().minusSeconds(60)));
    try {
      double inc =
          againstEmpty(size, name, "empty", "incremental run (1 new file, full warehouse)");
      row(size.n(), "full run / incremental run", "", "", fmt(fullSeconds / inc));
      againstDuckDb(size, "incremental run", inc, duckSeconds);
    } finally {
      restoreLanding(size.dir());
    }
    resubmitted(size, duckSeconds);
    modelsFile(size, duckSeconds);
  }

  /**
   * The nightly case of states: a commune's models file of the current half registering one model,
   * into the full warehouse and alone into an empty one (a state may be dated in any period before
   * its file's, so this is what gold and publish must bound by the states' dates). The file is
   * removed afterwards.
   */
  private void modelsFile(Size size, double duckSeconds) throws Exception {
    String name = MODELS_FILE;
    Path file = size.landing().resolve(name);
    if (Files.exists(file)) {
      return; // generated: the step would change what it measures against
    }
    Files.createDirectories(file.getParent());
    Files.writeString(
        file,
        "STT,Mã mô hình,Tên xã,Tên mô hình,Tập thể/cá nhân,Lĩnh vực,Ngày đăng ký,Trạng thái,"
            + "Ngày cập nhật,Cấp công nhận\r\n"
            + "1,N01X001-M901,Xã Mới 1-1,Nuôi ong lấy mật,Tập thể,Kinh tế,15/10/2026,Đăng ký,"
            + "15/10/2026,\r\n",
        StandardCharsets.UTF_8);
    Files.setLastModifiedTime(file, FileTime.from(Instant.now().minusSeconds(60)));
    try {
      double inc =
          againstEmpty(size, name, "empty-models", "incremental: a models file (one new model)");
      againstDuckDb(size, "models file", inc, duckSeconds);
    } finally {
      restoreLanding(size.dir());
    }
  }

  /**
   * The nightly case inside the quarters already reported: one district's 2026-Q2 dialogues sent
   * again with one attendance corrected, into the full warehouse and alone into an empty one. The
   * original file is put back afterwards.
   */
  private void resubmitted(Size size, double duckSeconds) throws Exception {
    String name = RESUBMITTED;
    Path file = size.landing().resolve(name);
    if (!Files.exists(file)) {
      return;
    }
    Path original = size.dir().resolve(ORIGINAL);
    Files.copy(file, original, StandardCopyOption.COPY_ATTRIBUTES);
    try {
      Files.writeString(file, corrected(Files.readString(original)));
      Files.setLastModifiedTime(file, FileTime.from(Instant.now().minusSeconds(60)));
      double inc =
          againstEmpty(
              size, name, "empty-resubmitted", "incremental: a reported quarter resubmitted");
      againstDuckDb(size, "resubmission", inc, duckSeconds);
    } finally {
      restoreLanding(size.dir());
    }
  }

  /**
   * The row setting an incremental run (its mean time, {@code seconds}) against DuckDB's recompute
   * of the five from every file.
   */
  private void againstDuckDb(Size size, String run, double seconds, double duckSeconds) {
    row(
        size.n(),
        run + " / DuckDB's full recompute",
        "",
        "",
        fmt(seconds / duckSeconds)
            + (seconds < duckSeconds ? " (incremental faster)" : " (DuckDB faster)"));
  }

  /**
   * Runs the job into the size's full warehouse (the landing file {@code name} new or changed),
   * then that file alone into an empty warehouse under {@code emptyName}; then both again, the
   * incremental run into a copy of the full warehouse as the first found it. This machine's speed
   * moves by a third within minutes, so one pair cannot tell the ratio from the moment. Prints the
   * two rows and returns the incremental runs' mean time; the full warehouse is left as the first
   * incremental run made it.
   */
  private double againstEmpty(Size size, String name, String emptyName, String step)
      throws Exception {
    Path out = size.dir().resolve("out");
    Path again = size.dir().resolve(emptyName + "-again");
    copyTree(size.warehouse(), again.resolve("warehouse"));
    copyTree(out, again.resolve("out"));
    Measured inc = check(run(size.landing(), size.reference(), size.warehouse(), out), step);
    Measured alone = alone(size, name, emptyName);
    Measured incAgain =
        check(
            run(size.landing(), size.reference(), again.resolve("warehouse"), again.resolve("out")),
            step + ", again");
    Measured aloneAgain = alone(size, name, emptyName);
    PathUtils.deleteDirectory(again);
    row(
        size.n(),
        step,
        fmt(inc.seconds()) + ", " + fmt(incAgain.seconds()),
        Long.toString(Math.max(inc.peakRssMb(), incAgain.peakRssMb())),
        stages(inc.output()) + "; again: " + stages(incAgain.output()));
    row(
        size.n(),
        "same file into an empty warehouse",
        fmt(alone.seconds()) + ", " + fmt(aloneAgain.seconds()),
        Long.toString(Math.max(alone.peakRssMb(), aloneAgain.peakRssMb())),
        ratios(inc.seconds(), alone.seconds(), incAgain.seconds(), aloneAgain.seconds())
            + "; "
            + stages(alone.output())
            + "; again: "
            + stages(aloneAgain.output()));
    return (inc.seconds() + incAgain.seconds()) / 2;
  }

  /** The file {@code name} alone into an empty warehouse under {@code emptyName}. */
  private Measured alone(Size size, String name, String emptyName) throws Exception {
    Path empty = size.dir().resolve(emptyName);
    PathUtils.deleteDirectory(Files.createDirectories(empty));
    Path single = empty.resolve("landing").resolve(name);
    Files.createDirectories(single.getParent());
    Files.copy(size.landing().resolve(name), single, StandardCopyOption.COPY_ATTRIBUTES);
    return check(
        run(
            empty.resolve("landing"),
            size.reference(),
            empty.resolve("warehouse"),
            empty.resolve("out")),
        "the same file into an empty warehouse");
  }

  /**
   * The ratio of two incremental runs to two empty-warehouse runs, measured in pairs: the ratio of
   * their sums, then each pair's.
   */
  static String ratios(
      double incremental, double empty, double incrementalAgain, double emptyAgain) {
    return "incremental / empty = "
        + fmt((incremental + incrementalAgain) / (empty + emptyAgain))
        + " (each pair: "
        + fmt(incremental / empty)
        + ", "
        + fmt(incrementalAgain / emptyAgain)
        + ")";
  }

  /** The file with the attendance of its last row raised by one. */
  static String corrected(String csv) {
    String ending = csv.contains("\r\n") ? "\r\n" : "\n";
    List<String> lines = new ArrayList<>(List.of(csv.split(ending)));
    int last = lines.size() - 1;
    while (lines.get(last).isBlank()) {
      last--;
    }
    String[] cells = lines.get(last).split(",", -1);
    // STT, Mã cuộc, Ngày tổ chức, Tên xã, Cấp chủ trì, Chức danh, Hình thức, Đối tượng, Số người
    cells[8] = Long.toString(Long.parseLong(cells[8].replaceAll("[^0-9]", "")) + 1);
    lines.set(last, String.join(",", cells));
    return String.join(ending, lines) + ending;
  }

  private Measured run(Path landing, Path reference, Path warehouse, Path out, String... options)
      throws Exception {
    List<String> command =
        new ArrayList<>(
            List.of(
                "bin/danvan",
                "run",
                "--landing",
                landing.toString(),
                "--reference",
                reference.toString(),
                "--warehouse",
                warehouse.toString(),
                "--out",
                out.toString()));
    command.addAll(List.of(options));
    return Measured.run(repo, command);
  }

  private Map<String, Double> ourFive(Path warehouse) throws Exception {
    Measured sql =
        check(
            Measured.run(
                repo,
                List.of(
                    "bin/danvan",
                    "sql",
                    "--warehouse",
                    warehouse.toString(),
                    "select indicator_id, unit_code, period_key, value from gold.indicator_values"
                        + " where basis = 'as_reported' and unit_level = 'district' and period_type ="
                        + " 'quarter' and indicator_id in ("
                        + FIVE
                        + ")")),
            "danvan sql");
    Map<String, Double> values = new TreeMap<>();
    String csv = sql.output().substring(sql.output().indexOf("indicator_id,unit_code"));
    try (CSVParser p =
        CSVParser.parse(
            csv, CSVFormat.DEFAULT.builder().setHeader().setSkipHeaderRecord(true).get())) {
      for (CSVRecord r : p) {
        if (r.size() == 4 && !r.get(3).isEmpty()) {
          values.put(r.get(0) + "|" + r.get(1) + "|" + r.get(2), Double.parseDouble(r.get(3)));
        }
      }
    }
    return values;
  }

  private static Map<String, Double> readCsv(Path file) throws IOException {
    Map<String, Double> values = new TreeMap<>();
    for (String line : Files.readAllLines(file).subList(1, Files.readAllLines(file).size())) {
      String[] f = line.split(",");
      if (f.length == 4 && !f[3].isEmpty()) {
        values.put(f[0] + "|" + f[1] + "|" + f[2], Double.parseDouble(f[3]));
      }
    }
    return values;
  }

  /**
   * How many values the computations share, and how many of those differ; {@code floor} is null
   * when the platform floor was not run.
   */
  static String agreement(
      Map<String, Double> ours, Map<String, Double> floor, Map<String, Double> duck) {
    int compared = 0;
    List<String> differ = new ArrayList<>();
    for (Map.Entry<String, Double> e : duck.entrySet()) {
      Double o = ours.get(e.getKey());
      Double f = floor == null ? e.getValue() : floor.get(e.getKey());
      if (o == null || f == null) {
        continue;
      }
      compared++;
      if (!close(o, e.getValue()) || !close(o, f)) {
        differ.add(
            e.getKey()
                + " ours "
                + o
                + (floor == null ? "" : " floor " + f)
                + " duckdb "
                + e.getValue());
      }
    }
    return compared
        + " values compared (ours "
        + ours.size()
        + (floor == null ? "" : ", floor " + floor.size())
        + ", DuckDB "
        + duck.size()
        + "), "
        + differ.size()
        + " differ"
        + (differ.isEmpty() ? "" : ": " + differ.subList(0, Math.min(3, differ.size())));
  }

  private static boolean close(double a, double b) {
    return Math.abs(a - b) <= 1e-6 * Math.max(1, Math.abs(a));
  }

  private List<String> javaCommand(String mainClass, String... args) throws IOException {
    String classpath =
        repo.resolve("bench/target/danvan-bench.jar")
            + ":"
            + repo.resolve("jobs/target/danvan.jar")
            + ":"
            + Files.readString(repo.resolve("bench/target/runtime-classpath.txt")).strip();
    List<String> command = new ArrayList<>();
    command.add(Path.of(System.getProperty("java.home"), "bin", "java").toString());
    command.add("@" + repo.resolve("bin/jvm.options"));
    command.add("@" + repo.resolve("bin/batch.options"));
    command.add("-Xmx" + System.getenv().getOrDefault("DANVAN_MEMORY", "3g"));
    command.add("-cp");
    command.add(classpath);
    command.add(mainClass);
    command.addAll(List.of(args));
    return command;
  }

  private static Measured check(Measured m, String what) {
    if (m.exitCode() != 0) {
      throw new IllegalStateException(
          what + " failed (exit " + m.exitCode() + "):\n" + tail(m.output()));
    }
    return m;
  }

  private static String stages(String output) {
    Matcher m = STAGES.matcher(output);
    String last = "";
    while (m.find()) {
      last = m.group(1);
    }
    return last;
  }

  private static String lastLine(String output) {
    String[] lines = output.strip().split("\n");
    return lines[lines.length - 1];
  }

  private static String tail(String output) {
    String[] lines = output.split("\n");
    return String.join(
        "\n", java.util.Arrays.copyOfRange(lines, Math.max(0, lines.length - 15), lines.length));
  }

  private static String fmt(double d) {
    return String.format(Locale.ROOT, "%.1f", d);
  }

  private void row(String records, String step, String seconds, String rss, String notes) {
    String line =
        String.format(Locale.ROOT, "%-12s %-46s %8s %12s  %s", records, step, seconds, rss, notes);
    table.add(line);
    System.out.println(line);
  }
}
