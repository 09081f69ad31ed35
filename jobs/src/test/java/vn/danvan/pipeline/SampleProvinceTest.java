package vn.danvan.pipeline;

import static org.apache.spark.sql.functions.col;
import static org.assertj.core.api.Assertions.as;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.File;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.function.UnaryOperator;
import java.util.stream.Stream;
import org.apache.commons.io.FileUtils;
import org.apache.pdfbox.Loader;
import org.apache.pdfbox.pdmodel.PDDocument;
import org.apache.pdfbox.text.PDFTextStripper;
import org.apache.spark.sql.Row;
import org.assertj.core.api.InstanceOfAssertFactories;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import vn.danvan.job.JobContext;
import vn.danvan.job.Pipeline;
import vn.danvan.notebook.NotebookRunner;
import vn.danvan.notebook.NotebookSource;
import vn.danvan.ops.Reconciliation;
import vn.danvan.ops.RunLedger;
import vn.danvan.ops.RunLog;
import vn.danvan.publish.PublishStage;
import vn.danvan.reference.ReferenceData;
import vn.danvan.testing.HeardQueries;
import vn.danvan.testing.HtmlTables;
import vn.danvan.testing.SharedSpark;
import vn.danvan.testing.TestProvince;
import vn.danvan.warehouse.Snapshot;
import vn.danvan.warehouse.Storage;
import vn.danvan.warehouse.TableName;
import vn.danvan.warehouse.Warehouse;

/**
 * The bundled sample province end to end, as {@code bin/danvan run} runs it: every kind ingested,
 * every row accounted for, the review packs of the latest quarter and year, the analysts'
 * notebooks, and the HTML pack opened in headless Chromium.
 */
class SampleProvinceTest {

  private static final LocalDate TODAY = LocalDate.of(2026, 11, 21);
  private static final ObjectMapper JSON = new ObjectMapper();
  // Written once the run succeeded: what ClusterCheckIT reads to compare with this warehouse.
  private static final String RUN_NOTE = "sample-run.properties";

  private static Path root;
  private static Warehouse warehouse;
  private static RunLog.Entry run;

  /**
   * Runs the sample into {@code jobs/target/sample-province}, where the cluster module's check
   * finds it: the cluster's run of the same files on the same day must give its silver and gold
   * ({@code bin/cluster-check --compare-with}), so the suite runs the sample locally once.
   */
  @BeforeAll
  static void runTheSample() throws IOException {
    root = TestProvince.repository().resolve("jobs/target/sample-province");
    FileUtils.deleteDirectory(root.toFile());
    warehouse = new Warehouse(SharedSpark.get(), root.resolve("warehouse").toString());
    run =
        SharedSpark.asInProduction(
            () ->
                Pipeline.run(
                    context(),
                    "run",
                    List.of(
                        Pipeline.Stage.INGEST,
                        Pipeline.Stage.REFINE,
                        Pipeline.Stage.INDICATORS,
                        Pipeline.Stage.PUBLISH)));
    Files.writeString(
        root.resolve(RUN_NOTE),
        "# The sample province's run by SampleProvinceTest, over data/landing and data/reference\n"
            + "today="
            + TODAY
            + "\n",
        StandardCharsets.UTF_8);
  }

  /** The review pack of {@code period} in the sample's out folder. */
  private static Path pack(String period) {
    return root.resolve("out/review").resolve(period);
  }

  /** Publish of the latest quarter and year, as a run makes it. */
  private static PublishStage.Result publishLatest(JobContext ctx) {
    return new PublishStage(PublishStage.Options.latest()).execute(ctx);
  }

  /**
   * Rewrites a pack's manifest as {@code edit} returns it, as another release would have left it.
   */
  private static void rewrite(Path manifest, UnaryOperator<ObjectNode> edit) throws IOException {
    JSON.writeValue(manifest.toFile(), edit.apply((ObjectNode) JSON.readTree(manifest.toFile())));
  }

  /** A new run's context over the sample's landing, reference, warehouse and out folders. */
  private static JobContext context() {
    Path repo = TestProvince.repository();
    Storage storage = new Storage(SharedSpark.get());
    Instant started = Instant.now();
    return new JobContext(
        SharedSpark.get(),
        warehouse,
        storage,
        storage.qualify(repo.resolve("data/landing").toString()),
        root.resolve("out").toString(),
        ReferenceData.load(storage, storage.qualify(repo.resolve("data/reference").toString())),
        JobContext.newRunId(started),
        started,
        TODAY,
        "vi",
        Snapshot.latest(warehouse),
        new RunLedger(warehouse));
  }

  @Test
  void aPackWhoseFiguresAreUnchangedIsLeftAsItWasAndADamagedOneDrawnAgain() throws IOException {
    Path quarter = pack("2026-Q2");
    Path year = pack("2025");

    PublishStage.Result again = publishLatest(context());
    assertThat(again.packs()).isEmpty();
    assertThat(again.unchanged()).containsExactlyInAnyOrder(quarter, year);
    assertThat(JSON.readTree(year.resolve("manifest.json").toFile()).get("run_id").asText())
        .isEqualTo(run.runId());

    Files.delete(year.resolve("charts/models.png"));
    JobContext repair = context();
    PublishStage.Result redrawn = publishLatest(repair);
    assertThat(redrawn.packs()).containsExactly(year);
    assertThat(redrawn.unchanged()).containsExactly(quarter);
    assertThat(year.resolve("charts/models.png")).isNotEmptyFile();
    assertThat(JSON.readTree(year.resolve("manifest.json").toFile()).get("run_id").asText())
        .isEqualTo(repair.runId());
  }

  /**
   * The nightly run on a day that brought nothing new notes gold again, its rows as they were:
   * publish finds nothing the packs are drawn from changed and leaves them without reading a figure
   * (one query: which periods are the latest). Once a table's rows are written again, it reads them
   * and compares the figures.
   */
  @Test
  void aPublishThatFindsNothingThePacksAreDrawnFromChangedReadsNoFigures() {
    Path quarter = pack("2026-Q2");
    Path year = pack("2025");
    warehouse.note(
        TableName.INDICATOR_VALUES, warehouse.lastNote(TableName.INDICATOR_VALUES).orElseThrow());

    List<PublishStage.Result> results = new ArrayList<>();
    HeardQueries quiet = HeardQueries.of(() -> results.add(publishLatest(context())));

    assertThat(results.get(0).packs()).isEmpty();
    assertThat(results.get(0).unchanged()).containsExactlyInAnyOrder(quarter, year);
    assertThat(quiet.tablesRead())
        .as("tables the queries read")
        .singleElement(as(InstanceOfAssertFactories.STRING))
        .endsWith("gold/indicator_values");

    warehouse.overwrite(
        TableName.LEAGUE,
        warehouse.read(TableName.LEAGUE).localCheckpoint(),
        warehouse.lastNote(TableName.LEAGUE).orElseThrow());
    results.clear();
    HeardQueries compared = HeardQueries.of(() -> results.add(publishLatest(context())));

    assertThat(compared.tablesRead())
        .as("tables the queries read")
        .anyMatch(t -> t.endsWith("gold/league"))
        .anyMatch(t -> t.endsWith("silver/models"));
    assertThat(results.get(0).packs()).as("the same figures").isEmpty();
    assertThat(results.get(0).unchanged()).containsExactlyInAnyOrder(quarter, year);
  }

  /**
   * A release that changes how packs are drawn draws them again, figures unchanged: a pack whose
   * manifest names other drawing code (another release's) is drawn again, the other is left.
   */
  @Test
  void aPackDrawnByAnotherReleaseIsDrawnAgain() throws IOException {
    Path quarter = pack("2026-Q2");
    Path year = pack("2025");
    Path manifest = year.resolve("manifest.json");
    String current = JSON.readTree(manifest.toFile()).get("drawn_by").asText();
    assertThat(current).startsWith("sha256:");
    rewrite(manifest, drawn -> drawn.put("drawn_by", "sha256:" + "0".repeat(64)));

    JobContext upgrade = context();
    PublishStage.Result redrawn = publishLatest(upgrade);

    assertThat(redrawn.packs()).containsExactly(year);
    assertThat(redrawn.unchanged()).containsExactly(quarter);
    JsonNode now = JSON.readTree(manifest.toFile());
    assertThat(now.get("drawn_by").asText()).isEqualTo(current);
    assertThat(now.get("run_id").asText()).isEqualTo(upgrade.runId());
  }

  /** Manifests listed the input files ahead of the digest before 2026-11-22; now they come last. */
  @Test
  void aPackWhoseManifestHasTheEarlierLayoutIsDrawnAgainOnce() throws IOException {
    Path quarter = pack("2026-Q2");
    Path year = pack("2025");
    Path manifest = quarter.resolve("manifest.json");
    rewrite(
        manifest,
        current -> {
          ObjectNode earlier =
              JSON.createObjectNode().set("input_files", current.get("input_files"));
          current.fields().forEachRemaining(f -> earlier.putIfAbsent(f.getKey(), f.getValue()));
          return earlier;
        });
    JobContext upgrade = context();
    PublishStage.Result relaid = publishLatest(upgrade);
    assertThat(relaid.packs()).containsExactly(quarter);
    assertThat(relaid.unchanged()).containsExactly(year);
    List<String> fields = new ArrayList<>();
    JSON.readTree(manifest.toFile()).fieldNames().forEachRemaining(fields::add);
    assertThat(fields).endsWith("input_files").contains("figures_digest");
  }

  @Test
  void everyKindIsIngestedAndEveryRowAccountedFor() {
    assertThat(run.rowsIn()).isEqualTo(47898);
    assertThat(run.rowsToSilver() + run.rowsToQuarantine() + run.rowsSuperseded())
        .isEqualTo(run.rowsIn());
    assertThat(run.rowsToQuarantine()).isEqualTo(15);
    assertThat(run.rowsSuperseded()).isEqualTo(30);
    assertThat(run.filesRejected()).isEqualTo(2);
    for (String kind : List.of("dialogues", "petitions", "outreach", "drives", "models")) {
      assertThat(warehouse.read(TableName.silver(kind)).count()).as(kind).isPositive();
    }
    assertThat(Reconciliation.mismatches(warehouse)).isEmpty();
  }

  @Test
  void everyTableKeepsToProtocolFeaturesEveryDeltaReaderHas() {
    for (TableName table : TableName.all()) {
      Row detail =
          io.delta.tables.DeltaTable.forPath(SharedSpark.get(), warehouse.path(table))
              .detail()
              .select("minReaderVersion", "minWriterVersion", "properties")
              .first();
      assertThat(List.of(detail.getInt(0), detail.getInt(1)))
          .as("reader and writer protocol of %s", table)
          .containsExactly(1, 2);
      assertThat(
              detail
                  .<scala.collection.Map<String, String>>getAs(2)
                  .get("delta.logRetentionDuration")
                  .get())
          .as("time travel window of %s", table)
          .isEqualTo("interval 1830 days");
    }
  }

  @Test
  void theLatestQuarterAndYearHaveAPackWhoseNumbersAreGolds() throws IOException {
    for (String period : List.of("2026-Q2", "2025")) {
      Path pack = root.resolve("out/review").resolve(period);
      for (String file :
          List.of(
              "index.html",
              "review.pdf",
              "indicators.csv",
              "league_sat_rate.csv",
              "manifest.json")) {
        assertThat(pack.resolve(file)).as(period + "/" + file).isNotEmptyFile();
      }
      for (String chart :
          List.of(
              "sat_rate_trend", "sat_rate_league", "sat_rate_funnel", "em_outreach", "models")) {
        assertThat(pack.resolve("charts/" + chart + ".png")).isNotEmptyFile();
        assertThat(pack.resolve("charts/" + chart + ".svg")).isNotEmptyFile();
      }
      JsonNode manifest = JSON.readTree(pack.resolve("manifest.json").toFile());
      Iterator<Map.Entry<String, JsonNode>> versions = manifest.get("table_versions").fields();
      assertThat(versions.hasNext()).isTrue();
      while (versions.hasNext()) {
        Map.Entry<String, JsonNode> v = versions.next();
        String[] name = v.getKey().split("\\.");
        assertThat(warehouse.version(new TableName(name[0], name[1])).orElseThrow())
            .as("%s version in %s's manifest", v.getKey(), period)
            .isEqualTo(v.getValue().asLong());
      }
      // 1 873 files ingested, one of them superseded by its correction.
      assertThat(manifest.get("input_files").size()).isEqualTo(1872);
      String basis = manifest.get("basis").asText();
      String province = manifest.get("province").asText();
      String sat =
          Files.readAllLines(pack.resolve("indicators.csv"), StandardCharsets.UTF_8).stream()
              .filter(l -> l.startsWith("SAT_RATE,"))
              .findFirst()
              .orElseThrow();
      double inPack = Double.parseDouble(sat.split(",")[5]);
      Row gold =
          warehouse
              .read(TableName.INDICATOR_VALUES)
              .filter(
                  col("indicator_id")
                      .equalTo("SAT_RATE")
                      .and(col("basis").equalTo(basis))
                      .and(col("unit_code").equalTo(province))
                      .and(col("period_key").equalTo(period)))
              .first();
      assertThat(inPack)
          .as("SAT_RATE of %s in the pack", period)
          .isCloseTo(gold.getAs("value"), within(1e-9));
      try (PDDocument pdf = Loader.loadPDF(pack.resolve("review.pdf").toFile())) {
        assertThat(new PDFTextStripper().getText(pdf)).contains("Tỷ lệ hài lòng");
      }
    }
  }

  /** Each of gold's outliers of the pack's province and period is a row of its page, in words. */
  @Test
  void aPacksOutliersAreGoldsNamedByIndicatorBesideWhatTheyWereComparedWith() throws IOException {
    Path pack = pack("2026-Q2");
    JsonNode manifest = JSON.readTree(pack.resolve("manifest.json").toFile());
    long inGold =
        warehouse
            .read(TableName.OUTLIERS)
            .filter(
                col("period_key")
                    .equalTo("2026-Q2")
                    .and(col("basis").equalTo(manifest.get("basis").asText()))
                    .and(col("province_code").equalTo(manifest.get("province").asText())))
            .count();
    List<String> rows =
        HtmlTables.rows(
            Files.readString(pack.resolve("index.html"), StandardCharsets.UTF_8),
            "Giá trị bất thường cần xem lại");

    assertThat(inGold).isEqualTo(12);
    assertThat(rows).hasSize((int) inGold + 1);
    assertThat(rows.get(0))
        .isEqualTo("Chỉ tiêu | Đơn vị | Giá trị | Mức đối chiếu | Phương pháp | Điểm");
    assertThat(rows)
        .contains(
            "Giá trị huy động | Xã Bản Qua | 1,8 tỷ đồng | 180.500.000 đồng | Khác xa trung vị"
                + " các đơn vị cùng cấp (điểm z hiệu chỉnh) | 6,03");
    assertThat(rows)
        .as("rows naming an indicator by its id")
        .noneMatch(r -> r.matches("[A-Z_]+ \\|.*"));
  }

  @Test
  void theHtmlPackLoadsInABrowserWithEveryImageAndNoError() throws Exception {
    Path index = root.resolve("out/review/2025/index.html");
    Path profile = Files.createTempDirectory("chromium");
    Path stderr = Files.createTempFile("chromium", ".log");
    String chromium =
        Stream.of("/usr/bin/chromium", "/usr/bin/chromium-browser")
            .filter(p -> new File(p).canExecute())
            .findFirst()
            .orElseThrow(
                () ->
                    new AssertionError(
                        "Debian's chromium is needed: the build's bin/lib/ensure-chromium"
                            + " installs it before the tests (apt-get install chromium)"));
    Process p =
        new ProcessBuilder(
                chromium,
                "--headless",
                "--no-sandbox",
                "--disable-gpu",
                "--disable-quic",
                "--no-first-run",
                "--disable-background-networking",
                "--disable-component-update",
                "--disable-sync",
                "--user-data-dir=" + profile,
                "--enable-logging=stderr",
                "--v=0",
                "--virtual-time-budget=10000",
                "--dump-dom",
                index.toUri().toString())
            .redirectError(stderr.toFile())
            .start();
    String dom = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
    assertThat(p.waitFor(120, TimeUnit.SECONDS)).isTrue();
    long images =
        Files.list(root.resolve("out/review/2025/charts"))
            .filter(f -> f.toString().endsWith(".png"))
            .count();
    assertThat(dom)
        .contains("data-images=\"" + images + "/" + images + "\"")
        .contains("data-errors=\"0\"");
    List<String> console = new ArrayList<>();
    for (String line : Files.readAllLines(stderr)) {
      if (line.contains(":CONSOLE")) {
        console.add(line);
      }
    }
    assertThat(console).as("messages the page logged").isEmpty();
  }

  @Test
  void everyNotebookExecutesAndEveryCellReturnsRows() throws IOException {
    warehouse.registerTables();
    List<Path> notebooks;
    try (Stream<Path> files = Files.list(TestProvince.repository().resolve("notebooks-export"))) {
      notebooks = files.filter(f -> f.toString().endsWith(".sql")).sorted().toList();
    }
    assertThat(notebooks).hasSizeGreaterThanOrEqualTo(3);
    for (Path notebook : notebooks) {
      String name = notebook.getFileName().toString().replace(".sql", "");
      NotebookRunner.Result result =
          new NotebookRunner(SharedSpark.get())
              .run(
                  NotebookSource.parse(name, Files.readString(notebook)),
                  root.resolve("out/notebooks"));
      assertThat(result.rowsPerCell())
          .as(name)
          .isNotEmpty()
          .allSatisfy(rows -> assertThat(rows).isPositive());
      JsonNode ipynb = JSON.readTree(result.output().toFile());
      assertThat(ipynb.get("nbformat").asInt()).isEqualTo(4);
    }
  }
}
