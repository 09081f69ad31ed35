package vn.danvan.cli;

import static org.apache.spark.sql.functions.col;
import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import org.apache.logging.log4j.Level;
import org.apache.logging.log4j.LogManager;
import org.apache.logging.log4j.core.LogEvent;
import org.apache.logging.log4j.core.LoggerContext;
import org.apache.logging.log4j.core.appender.AbstractAppender;
import org.apache.logging.log4j.core.config.LoggerConfig;
import org.apache.logging.log4j.core.config.Property;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import vn.danvan.job.Pipeline;
import vn.danvan.ops.RunLog;
import vn.danvan.testing.SharedSpark;
import vn.danvan.testing.TestProvince;
import vn.danvan.warehouse.TableName;
import vn.danvan.warehouse.Warehouse;

/**
 * The command line as a user calls it, on one tiny warehouse: {@code sql}'s output, every command's
 * help, what a command prints at its end, bad usage refused (exit 2) before Spark starts, and the
 * one line a command that cannot do its work leaves on stderr (exit 1).
 */
class CommandLineTest {

  private static TestProvince province;

  @BeforeAll
  static void buildWarehouse() {
    province = TestProvince.tiny();
    province.write(
        "dialogues/D2/2021-Q1.csv",
        """
        Mã cuộc,Ngày tổ chức,Mã xã,Cấp chủ trì,Chủ trì,Hình thức,Số người tham dự,Số phiếu thu về,Số phiếu hài lòng
        D2-1,20/03/2021,C21,Xã,Bí thư,Trực tiếp,"1.230",1.000,950
        """);
    Pipeline.run(province.context(LocalDate.of(2021, 6, 30)), "run", TestProvince.TO_GOLD);
  }

  @Test
  void sqlPrintsCsvWithAHeaderRow() {
    Output result =
        run(
            "sql",
            "select unit_code, period_key, numerator, denominator, value from gold.indicator_values"
                + " where indicator_id = 'SAT_RATE' and basis = 'as_reported' and unit_level ="
                + " 'province' and period_type in ('quarter', 'year') order by period_key",
            "--warehouse",
            province.warehouse().toString());
    assertThat(result.code()).isZero();
    assertThat(result.out())
        .isEqualTo(
            """
            unit_code,period_key,numerator,denominator,value
            P,2021,950,1000,95
            P,2021-Q1,950,1000,95
            """);
  }

  @Test
  void sqlSeesBronzeSilverAndOpsTablesByTheirPublicNames() {
    Output result =
        run(
            "sql",
            "select b.participants as raw, s.participants as typed, f.status"
                + " from bronze.dialogues b join silver.dialogues s using (submission_id, source_row)"
                + " join ops.files f on f.source_file = s.source_file",
            "--warehouse",
            province.warehouse().toString());
    assertThat(result.out()).isEqualTo("raw,typed,status\n1.230,1230,current\n");
  }

  @Test
  void aQueryThatFailsExitsNonZeroWithOneLineOnStderr() {
    Output result =
        run(
            "sql",
            "select * from gold.no_such_table",
            "--warehouse",
            province.warehouse().toString());
    assertThat(result.code()).isEqualTo(1);
    assertThat(result.err().strip().lines()).hasSize(1);
    assertThat(result.err()).startsWith("danvan: ").contains("no_such_table");
  }

  /**
   * An analyst asks one query after another of the same warehouse (a notebook does, in one
   * session): each registers the tables again, and Spark must have nothing to warn about.
   */
  @Test
  void queriesOneAfterAnotherBringNoWarningFromSpark() {
    String warehouse = province.warehouse().toString();
    List<String> warnings =
        sparkWarningsDuring(
            () -> {
              run("sql", "select count(*) as n from silver.dialogues", "--warehouse", warehouse);
              Output second =
                  run("sql", "select count(*) as n from ops.files", "--warehouse", warehouse);
              assertThat(second.out()).isEqualTo("n\n1\n");
            });
    // Main's session builder finds the tests' shared session, which a command line never does.
    assertThat(warnings).filteredOn(w -> !w.contains("Using an existing Spark session")).isEmpty();
  }

  /**
   * A past state before gold's first version has no figures to publish, and says why; the failure
   * is the command's recorded outcome and leaves the next run nothing to undo (it ingested
   * nothing).
   */
  @Test
  void publishingAsOfADayBeforeGoldExistedNamesTheReason() throws Exception {
    Output result = run(province.commandLine("publish", "--as-of", "2020-12-31"));
    assertThat(result.code()).isEqualTo(1);
    assertThat(result.err().strip())
        .isEqualTo(
            "danvan: --as-of 2020-12-31: gold.indicator_values had no version yet by the end of"
                + " that day; its versions and their times: danvan sql \"describe history"
                + " gold.indicator_values\"");
    Warehouse warehouse = new Warehouse(SharedSpark.get(), province.warehouse().toString());
    assertThat(
            warehouse
                .read(TableName.RUNS)
                .filter(col("command").equalTo("publish").and(col("status").equalTo(RunLog.FAILED)))
                .count())
        .as("the failed publish, recorded")
        .isEqualTo(1);
    assertThat(RunLog.unfinishedRuns(warehouse)).as("runs the next run would undo").isEmpty();
  }

  /** An English pack gives the catalogue's English names and units (column unit_en). */
  @Test
  void anEnglishPackShowsTheIndicatorsUnitsInEnglish() throws Exception {
    Output result = run(province.commandLine("publish", "--lang", "en"));
    assertThat(result.code()).as(result.err()).isZero();
    String html = Files.readString(province.out().resolve("review/2021-Q1/index.html"));
    assertThat(html)
        .contains(
            "<td>Dialogues held</td><td class=\"num\">1 <span class=\"unit\">dialogues</span>")
        .contains("<td>Dialogues per commune in existence</td>")
        .contains("<span class=\"unit\">dialogues/commune</span>")
        .doesNotContain("cuộc");
  }

  /** What a command prints at its end names the review packs and where they are. */
  @Test
  void publishNamesItsReviewPacksAndWhereTheyAre() {
    Output result = run(province.commandLine("publish"));
    assertThat(result.code()).as(result.err()).isZero();
    assertThat(result.out().lines())
        .contains(
            "Review packs under "
                + province.out().resolve("review").toAbsolutePath()
                + ": 2021, 2021-Q1 (index.html to read, review.pdf to print)");
  }

  /** A landing folder that is not there stops the run, rather than a run that reads nothing. */
  @Test
  void aRunWhoseLandingFolderIsMissingExitsNonZeroNamingIt() throws Exception {
    TestProvince unmounted = TestProvince.tiny();
    Files.delete(unmounted.landing());
    Output result = run(unmounted.commandLine("run"));
    assertThat(result.code()).isEqualTo(1);
    assertThat(result.err().strip())
        .isEqualTo(
            "danvan: the landing folder file:"
                + unmounted.landing()
                + " does not exist: check --landing, or that its share is mounted");
  }

  @Test
  void aNotebookThatIsNotThereIsNamed() {
    Path missing = province.out().resolve("03_hai_long.sql");
    Output result =
        run("notebook", missing.toString(), "--warehouse", province.warehouse().toString());
    assertThat(result.code()).isEqualTo(1);
    assertThat(result.err().strip())
        .isEqualTo("danvan: the notebook " + missing + " does not exist");
  }

  /** The status of a folder that holds no warehouse says so, rather than an empty listing. */
  @Test
  void theStatusOfAFolderWithoutTablesExitsNonZeroNamingIt() throws Exception {
    Path dir = Files.createTempDirectory("danvan-no-warehouse");
    Output result = run("status", "--warehouse", dir.toString());
    assertThat(result.code()).isEqualTo(1);
    assertThat(result.err().strip())
        .isEqualTo(
            "danvan: no Delta tables under file:"
                + dir
                + ": check --warehouse, or make them with danvan run");
    assertThat(result.out()).isEmpty();
  }

  /**
   * A stage after ingest, or the housekeeping, given a folder without a warehouse (a mistyped
   * --warehouse), says so and leaves the folder as it was, rather than start a warehouse there and
   * succeed with nothing.
   */
  @Test
  void aCommandOnAFolderWithoutAWarehouseExitsNonZeroAndCreatesNothing() throws Exception {
    Path typo = province.warehouse().resolveSibling("warehous");
    for (String command : List.of("refine", "indicators", "publish", "maintain")) {
      Output result =
          run(
              command,
              "--reference",
              province.reference().toString(),
              "--warehouse",
              typo.toString(),
              "--out",
              province.out().toString());
      assertThat(result.code()).as(command).isEqualTo(1);
      assertThat(result.err().strip())
          .as(command)
          .isEqualTo(
              "danvan: no warehouse under file:"
                  + typo
                  + " (it has no ops.runs table): check --warehouse, or make one with danvan run");
      assertThat(typo).as("%s started no warehouse", command).doesNotExist();
    }
  }

  /**
   * {@code --as-of} reads the tables as they were: a version of gold, with the silver it was
   * computed from; a day before the warehouse existed, no table. The next query without it reads
   * the latest again.
   */
  @Test
  void sqlReadsTheStateAsOfAVersionOfGoldOrADay() {
    TestProvince p = TestProvince.tiny();
    String header =
        "Mã cuộc,Ngày tổ chức,Mã xã,Cấp chủ trì,Chủ trì,Hình thức,Số người tham dự,"
            + "Số phiếu thu về,Số phiếu hài lòng\n";
    p.write(
        "dialogues/D2/2021-Q1.csv",
        header + "D2-1,20/03/2021,C21,Xã,Bí thư,Trực tiếp,230,200,170\n");
    Pipeline.run(p.context(LocalDate.of(2021, 6, 30)), "run", TestProvince.TO_GOLD);
    p.write(
        "dialogues/D1/2021-Q1.csv",
        header
            + "D1-1,05/01/2021,C11,Xã,Bí thư,Trực tiếp,120,100,90\n"
            + "D1-2,10/02/2021,C12,Xã,Chủ tịch,Trực tiếp,60,50,49\n");
    // Silver moves on; gold stays at its first version, computed from silver's first.
    Pipeline.run(
        p.context(LocalDate.of(2021, 6, 30)),
        "run",
        List.of(Pipeline.Stage.INGEST, Pipeline.Stage.REFINE));
    String warehouse = p.warehouse().toString();
    String query = "select count(*) as n from silver.dialogues";

    assertThat(run("sql", query, "--warehouse", warehouse).out()).isEqualTo("n\n3\n");
    assertThat(run("sql", query, "--warehouse", warehouse, "--as-of", "0").out())
        .as("as gold's first version read it")
        .isEqualTo("n\n1\n");
    Output before = run("sql", query, "--warehouse", warehouse, "--as-of", "2020-12-31");
    assertThat(before.code()).as("a day before the warehouse").isEqualTo(1);
    assertThat(before.err()).startsWith("danvan: ").contains("silver").contains("dialogues");
    assertThat(run("sql", query, "--warehouse", warehouse).out()).isEqualTo("n\n3\n");
  }

  /**
   * A command that only ever sees the latest state refuses {@code --as-of} before it starts, rather
   * than print or write the latest state under a past state's name.
   */
  @Test
  void aCommandThatCannotReadAPastStateRefusesAsOf() throws Exception {
    Path elsewhere = Files.createTempDirectory("danvan-as-of");
    for (List<String> command :
        List.of(
            List.of("status"),
            List.of("compare", "--with", elsewhere.resolve("other").toString()),
            List.of("maintain"),
            List.of("generate"),
            List.of("ingest"),
            List.of("refine"))) {
      List<String> args = new ArrayList<>(command);
      args.addAll(
          List.of(
              "--as-of",
              "2021-03-31",
              "--landing",
              elsewhere.resolve("landing").toString(),
              "--reference",
              elsewhere.resolve("reference").toString(),
              "--warehouse",
              elsewhere.resolve("warehouse").toString()));
      Output result = run(args.toArray(String[]::new));
      assertThat(result.code()).as("%s --as-of: %s", command, result.err()).isEqualTo(2);
      assertThat(result.err().lines().findFirst().orElse(""))
          .as("%s --as-of", command)
          .isEqualTo(
              "danvan "
                  + command.get(0)
                  + " works on the latest state of the tables and cannot take --as-of; run,"
                  + " indicators, publish, sql and notebook read a past state");
    }
    try (var written = Files.list(elsewhere)) {
      assertThat(written).as("nothing written or generated").isEmpty();
    }
  }

  /**
   * A language the labels are not written in is bad usage, found before the run starts, not at
   * publish after the run's other stages.
   */
  @Test
  void aLanguageWithoutLabelsIsRefusedBeforeTheRunStarts() {
    Output result = run(province.commandLine("run", "--lang", "fr"));
    assertThat(result.code()).as(result.err()).isEqualTo(2);
    assertThat(result.err().lines().findFirst().orElse(""))
        .isEqualTo(
            "Invalid value for option '--lang': expected one of [vi, en] (case-insensitive) but"
                + " was 'fr'");
  }

  /** A mistyped period or resolution is bad usage, found before Spark starts. */
  @Test
  void publishRefusesAPeriodKeyOrResolutionItCannotDraw() {
    for (List<String> bad :
        List.of(
            List.of("--period", "2021-Q1,2021-Q5"),
            List.of("--period", "Q1-2021"),
            List.of("--dpi", "0"),
            List.of("--dpi", "9600"))) {
      List<String> args = new ArrayList<>(List.of("publish"));
      args.addAll(bad);
      Output result = run(province.commandLine(args.toArray(String[]::new)));
      assertThat(result.code()).as("%s: %s", bad, result.err()).isEqualTo(2);
    }
    assertThat(run(province.commandLine("publish", "--period", "2021-Q5")).err())
        .startsWith(
            "Invalid value for option '--period' (<periods>): '2021-Q5' is not a period key"
                + " (2021-M03, 2021-Q1, 2021-H1, 2021-9M, 2021, 2018..2020)");
    assertThat(run(province.commandLine("publish", "--dpi", "0")).err())
        .startsWith("Invalid value for option '--dpi': a PNG resolution is 24 to 600 dpi, not 0");
  }

  @Test
  void anAsOfThatIsNeitherADateNorAVersionIsBadUsage() {
    Output result =
        run(
            "sql",
            "select 1",
            "--warehouse",
            province.warehouse().toString(),
            "--as-of",
            "31/12/2021");
    assertThat(result.code()).isEqualTo(2);
    assertThat(result.err().strip())
        .isEqualTo(
            "danvan: --as-of takes a date (yyyy-MM-dd) or a version of gold.indicator_values, not"
                + " '31/12/2021'");
  }

  @Test
  void generateRefusesAScaleItDoesNotKnow() throws Exception {
    Path elsewhere = Files.createTempDirectory("danvan-scale");
    Output result =
        run(
            "generate",
            "--scale",
            "country",
            "--landing",
            elsewhere.resolve("landing").toString(),
            "--reference",
            elsewhere.resolve("reference").toString());
    assertThat(result.code()).isEqualTo(2);
    assertThat(result.err().strip())
        .isEqualTo("danvan: --scale must be province or nation, not country");
    try (var written = Files.list(elsewhere)) {
      assertThat(written).as("nothing generated").isEmpty();
    }
  }

  /** A mistyped layer would compare no table and call the warehouses the same. */
  @Test
  void compareRefusesALayerThatIsNotOne() {
    String warehouse = province.warehouse().toString();
    Output result =
        run("compare", "--warehouse", warehouse, "--with", warehouse, "--layers", "gold,golds");
    assertThat(result.code()).as(result.err()).isEqualTo(2);
    assertThat(result.err().lines().findFirst().orElse(""))
        .isEqualTo(
            "Invalid value for option '--layers' (<layers>): 'golds' is not a layer (bronze,"
                + " silver, ref, gold, ops)");
    assertThat(result.out()).isEmpty();
  }

  @Test
  void everyCommandHasHelp() {
    for (String command :
        List.of("run", "ingest", "refine", "indicators", "publish", "sql", "status", "generate")) {
      Output result = run(command, "--help");
      assertThat(result.code()).as(command + " --help").isZero();
      assertThat(result.out())
          .as(command + " --help")
          .contains("--warehouse")
          .contains("--as-of")
          .contains("--lang");
    }
  }

  /** What Spark logs at WARN or above while {@code work} runs, as "logger: message". */
  private static List<String> sparkWarningsDuring(Runnable work) {
    List<String> warnings = new CopyOnWriteArrayList<>();
    AbstractAppender capture =
        new AbstractAppender("spark-warnings", null, null, true, Property.EMPTY_ARRAY) {
          @Override
          public void append(LogEvent event) {
            warnings.add(event.getLoggerName() + ": " + event.getMessage().getFormattedMessage());
          }
        };
    capture.start();
    LoggerContext context = (LoggerContext) LogManager.getContext(false);
    LoggerConfig spark = new LoggerConfig("org.apache.spark", Level.WARN, false);
    spark.addAppender(capture, Level.WARN, null);
    context.getConfiguration().addLogger(spark.getName(), spark);
    context.updateLoggers();
    try {
      work.run();
    } finally {
      context.getConfiguration().removeLogger(spark.getName());
      context.updateLoggers();
      capture.stop();
    }
    return warnings;
  }

  private record Output(int code, String out, String err) {}

  private static Output run(String... args) {
    PrintStream stdout = System.out;
    PrintStream stderr = System.err;
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    ByteArrayOutputStream err = new ByteArrayOutputStream();
    try {
      System.setOut(new PrintStream(out, true, StandardCharsets.UTF_8));
      System.setErr(new PrintStream(err, true, StandardCharsets.UTF_8));
      int code = Main.execute(args);
      return new Output(
          code, out.toString(StandardCharsets.UTF_8), err.toString(StandardCharsets.UTF_8));
    } finally {
      System.setOut(stdout);
      System.setErr(stderr);
    }
  }
}
