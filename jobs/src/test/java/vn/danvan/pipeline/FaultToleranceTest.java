package vn.danvan.pipeline;

import static java.nio.charset.StandardCharsets.UTF_8;
import static org.apache.spark.sql.functions.col;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.io.Reader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.nio.file.attribute.FileTime;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.stream.Stream;
import org.apache.commons.io.FileUtils;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Encoders;
import org.apache.spark.sql.Row;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import vn.danvan.errors.DanvanException;
import vn.danvan.job.JobContext;
import vn.danvan.job.Pipeline;
import vn.danvan.ops.FaultPoint;
import vn.danvan.ops.Reconciliation;
import vn.danvan.ops.RunLock;
import vn.danvan.ops.RunLog;
import vn.danvan.testing.ChildRun;
import vn.danvan.testing.SharedSpark;
import vn.danvan.testing.TestProvince;
import vn.danvan.warehouse.TableComparison;
import vn.danvan.warehouse.TableName;
import vn.danvan.warehouse.Warehouse;

/**
 * Machines die mid-run and runs overlap; neither may cost a row or count one twice. A run is
 * started as its own process, paused at a known point inside a write, killed with SIGKILL, and run
 * again: the tables then hold what one clean run gives. Two runs started at once give the tables of
 * one.
 */
class FaultToleranceTest {

  private static final LocalDate TODAY = LocalDate.now(JobContext.VIETNAM);
  private static final List<Pipeline.Stage> ALL =
      List.of(
          Pipeline.Stage.INGEST,
          Pipeline.Stage.REFINE,
          Pipeline.Stage.INDICATORS,
          Pipeline.Stage.PUBLISH);

  private static final String DIALOGUES =
      "Mã cuộc,Ngày tổ chức,Tên xã,Cấp chủ trì,Chủ trì,Hình thức,Số người tham dự,"
          + "Số phiếu thu về,Số phiếu hài lòng\n";
  private static final String PETITIONS = "Mã ý kiến,Mã cuộc đối thoại,Ngày nêu,Trả lời tại chỗ\n";
  private static final String OUTREACH =
      "Mã,Ngày tổ chức,Tên xã,Đơn vị tổ chức,Số cuộc,Số lượt người nghe\n";
  private static final String MODELS =
      "Mã mô hình,Tên xã,Tên mô hình,Tập thể/cá nhân,Lĩnh vực,Ngày đăng ký,Trạng thái,"
          + "Ngày cập nhật,Cấp công nhận\n";

  /** The warehouse of one clean history: the first batch in one run, the second in the next. */
  private static TestProvince clean;

  /** The state after the first batch, copied for each test. */
  private static TestProvince afterFirstBatch;

  @BeforeAll
  static void cleanHistory() throws IOException {
    clean = TestProvince.tiny();
    firstBatch(clean);
    Pipeline.run(clean.context(TODAY), "run", ALL);
    afterFirstBatch = TestProvince.tiny();
    FileUtils.copyDirectory(clean.landing().toFile(), afterFirstBatch.landing().toFile());
    FileUtils.copyDirectory(clean.warehouse().toFile(), afterFirstBatch.warehouse().toFile());
    FileUtils.copyDirectory(clean.out().toFile(), afterFirstBatch.out().toFile());
    secondBatch(clean);
    Pipeline.run(clean.context(TODAY), "run", ALL);
  }

  /** A province in the state the first batch left, with the second batch landed. */
  private static TestProvince secondBatchLanded() throws IOException {
    TestProvince p = TestProvince.tiny();
    FileUtils.copyDirectory(afterFirstBatch.landing().toFile(), p.landing().toFile());
    FileUtils.copyDirectory(afterFirstBatch.warehouse().toFile(), p.warehouse().toFile());
    FileUtils.copyDirectory(afterFirstBatch.out().toFile(), p.out().toFile());
    secondBatch(p);
    return p;
  }

  /** Files of 2021: every table exists after the first run, so the second run merges. */
  private static void firstBatch(TestProvince p) {
    p.write(
        "dialogues/D1/2021-Q1.csv",
        DIALOGUES
            + "A,05/01/2021,Phố Ràng,Xã,Bí thư,Trực tiếp,120,100,80\n"
            + "B,06/02/2021,Bảo Hà,Xã,Chủ tịch,Trực tiếp,60,50,45\n");
    p.write(
        "petitions/D1/2021-Q1.csv", PETITIONS + "P-1,A,05/01/2021,Có\nP-2,B,06/02/2021,Không\n");
    p.write("outreach/D2/2021-Q1.csv", OUTREACH + "T-1,10/02/2021,Thanh Bình,Đoàn thể,2,150\n");
    p.write(
        "models/D1/2021-H1.csv",
        MODELS + "M-1,Phố Ràng,Đường sáng,Tập thể,Kinh tế,01/02/2021,Đăng ký,01/02/2021,\n");
  }

  /** Files of 2022, including a corrected 2021 file that replaces its submission. */
  private static void secondBatch(TestProvince p) {
    p.write(
        "dialogues/D1/2021-Q1.csv",
        DIALOGUES
            + "A,05/01/2021,Phố Ràng,Xã,Bí thư,Trực tiếp,120,100,90\n"
            + "C,07/03/2021,Bảo Hà,Xã,Chủ tịch,Trực tiếp,70,60,50\n");
    p.write(
        "dialogues/D2/2022-Q1.csv",
        DIALOGUES + "E,12/01/2022,Thanh Bình,Xã,Bí thư,Trực tiếp,90,80,72\n");
    p.write("petitions/D2/2022-Q1.csv", PETITIONS + "P-9,E,12/01/2022,Có\n");
    p.write("outreach/D2/2022-Q1.csv", OUTREACH + "T-2,20/02/2022,Thanh Bình,Đoàn thể,1,80\n");
    p.write(
        "models/D1/2022-H1.csv",
        MODELS + "M-1,Phố Ràng,Đường sáng,Tập thể,Kinh tế,01/02/2021,Công nhận,15/03/2022,Xã\n");
  }

  /**
   * One province, five runs killed in turn, each at a later point: bronze append, silver merge, the
   * file ledger's merge (the new files' entries with their outcome, the corrected file's
   * superseded), the second gold write, publish. Each run is started while the one before it still
   * runs, waits for its lock, takes it over once that run's process is gone, and must first undo
   * what it left half done. Then, as after a crash the scheduler's next run and an operator's may,
   * two runs start at once: the one in this process (warm, so first) takes over the dead run's lock
   * and completes; the one in a process of its own waits for it and finds nothing left to do. The
   * tables must equal one clean run's. (In a chain rather than one warehouse per point, each run
   * starting while the one before it runs: the same recoveries in less than half the time.)
   */
  @Test
  void runsKilledMidWriteThenTwoStartedAtOnceLeaveTheTablesOfOneCleanRun() throws Exception {
    TestProvince p = secondBatchLanded();
    Path lock = Path.of(RunLock.location(warehouse(p).root()).toUri());

    List<String> points =
        List.of("bronze-append", "silver-merge", "ops.files-merge", "gold-write:2", "publish");
    ChildRun killed = ChildRun.start(Map.of(FaultPoint.VARIABLE, points.get(0)), runArgs(p));
    String killedRun = null;
    for (int i = 0; i < points.size(); i++) {
      String point = points.get(i);
      String runBefore = killedRun;
      killedRun = awaitHolder(lock, killed);
      // The next run starts while this one holds the lock, as a scheduler's next run may, and
      // waits for it.
      ChildRun next =
          i + 1 < points.size()
              ? ChildRun.start(Map.of(FaultPoint.VARIABLE, points.get(i + 1)), runArgs(p))
              : null;
      killed.awaitOutput("danvan: paused at " + point.split(":")[0], Duration.ofMinutes(4));
      if (runBefore != null) {
        assertThat(killed.output())
            .as("the run killed at %s took the lock over from the dead one before it", point)
            .contains("taking over the warehouse lock of run " + runBefore + ": its process")
            .as("the run killed at %s undid the one before it, and only it", point)
            .contains("undid unfinished run(s) [" + runBefore + "]");
      }
      if (next != null) {
        next.awaitOutput("waiting for run " + killedRun, Duration.ofMinutes(4));
      }
      killed.kill();
      killed = next;
    }
    assertThat(readLock(lock).getProperty("run_id"))
        .as("the run killed while publishing left its lock behind")
        .isEqualTo(killedRun);

    ChildRun other = ChildRun.start(Map.of(), runArgs(p));
    RunLog.Entry here = Pipeline.run(p.context(TODAY), "run", ALL);
    assertThat(other.waitFor(Duration.ofMinutes(5))).as("other run:%n%s", other.tail()).isZero();

    assertThat(here.status()).isEqualTo(RunLog.SUCCEEDED);
    assertThat(here.rowsIn()).as("rows ingested by the run that took the lock").isEqualTo(6L);
    assertThat(other.output())
        .as("the run in its own process waited for the one in this process")
        .contains("to release the warehouse")
        .doesNotContain("taking over");
    assertThat(RunLog.unfinishedRuns(warehouse(p))).as("runs left to undo").isEmpty();
    Dataset<Row> runs = warehouse(p).read(TableName.RUNS);
    assertThat(
            runs.filter("status = 'undone'").select("run_id").as(Encoders.STRING()).collectAsList())
        .as("each killed run undone once")
        .hasSize(5)
        .doesNotHaveDuplicates()
        .containsExactlyInAnyOrderElementsOf(
            runs.filter("status = 'running'")
                .select("run_id")
                .except(runs.filter("status = 'succeeded'").select("run_id"))
                .as(Encoders.STRING())
                .collectAsList());
    List<Row> succeeded =
        runs.filter("status = 'succeeded'")
            .orderBy("started_at")
            .select("run_id", "rows_in", "started_at", "finished_at")
            .collectAsList();
    assertThat(succeeded).as("the first batch's run and the two started at once").hasSize(3);
    Row waited =
        succeeded.stream()
            .skip(1)
            .filter(r -> !r.getString(0).equals(here.runId()))
            .findFirst()
            .orElseThrow(() -> new AssertionError("no succeeded run beside " + here.runId()));
    assertThat(waited.getLong(1)).as("rows ingested by the run that waited").isZero();
    Row first =
        succeeded.stream()
            .filter(r -> r.getString(0).equals(here.runId()))
            .findFirst()
            .orElseThrow();
    assertThat(waited.getTimestamp(2))
        .as("the waiting run started before the other finished")
        .isBefore(first.getTimestamp(3));
    assertSameTables(p);
    assertThat(Reconciliation.mismatches(warehouse(p))).isEmpty();
    try (Stream<Path> review = Files.list(p.out().resolve("review"))) {
      assertThat(review.map(f -> f.getFileName().toString()))
          .as("no staging folder of the run killed while publishing is left")
          .noneMatch(name -> name.startsWith("."))
          .isNotEmpty();
    }
  }

  /**
   * A run whose heartbeat stalled past its limit (its JVM paused) finds, when it wakes, that
   * another run has taken the warehouse's lock over: it stops at its next stage, records no outcome
   * (the warehouse is the other run's) and leaves that run's lock in place. Here the takeover is
   * staged as soon as the run holds the lock.
   */
  @Test
  void aRunThatLostItsLockStopsAtItsNextStageAndRecordsNoOutcome() throws Exception {
    TestProvince p = TestProvince.tiny();
    firstBatch(p);
    JobContext ctx = p.context(TODAY);
    Path lock = Path.of(RunLock.location(ctx.warehouse().root()).toUri());
    Thread takeover =
        new Thread(
            () -> {
              try {
                while (!Files.exists(lock)) {
                  Thread.sleep(5);
                }
                Files.delete(lock);
                Files.writeString(
                    lock, "run_id=run-that-took-over\nhost=elsewhere\npid=1\n", UTF_8);
              } catch (IOException | InterruptedException e) {
                throw new IllegalStateException(e);
              }
            });
    takeover.start();

    assertThatThrownBy(() -> Pipeline.run(ctx, "run", ALL))
        .isInstanceOf(DanvanException.class)
        .hasMessageStartingWith("run " + ctx.runId() + " lost the warehouse lock")
        .hasMessageContaining("to run run-that-took-over");
    takeover.join();
    assertThat(
            warehouse(p)
                .read(TableName.RUNS)
                .filter(col("run_id").equalTo(ctx.runId()))
                .select("status")
                .as(Encoders.STRING())
                .collectAsList())
        .as("the stalled run's entries in ops.runs: started, no outcome")
        .containsExactly(RunLog.RUNNING);
    assertThat(Files.readString(lock, UTF_8)).contains("run_id=run-that-took-over");
  }

  @Test
  void aFileStillBeingWrittenIsLeftForTheNextRun() throws Exception {
    TestProvince p = TestProvince.tiny();
    p.setting("landing_settle_seconds", "2");
    Path growing =
        p.write(
            "dialogues/D2/2022-Q1.csv",
            DIALOGUES + "E,12/01/2022,Thanh Bình,Xã,Bí thư,Trực tiếp,90,80,72\n");
    AtomicBoolean copying = new AtomicBoolean(true);
    AtomicInteger appended = new AtomicInteger();
    Thread copy =
        new Thread(
            () -> {
              while (copying.get()) {
                try {
                  Thread.sleep(200);
                  Files.writeString(
                      growing,
                      "F"
                          + appended.incrementAndGet()
                          + ",13/01/2022,Thanh Bình,Xã,Bí thư,"
                          + "Trực tiếp,10,5,5\n",
                      StandardOpenOption.APPEND);
                } catch (IOException | InterruptedException e) {
                  throw new IllegalStateException(e);
                }
              }
            });
    copy.start();
    RunLog.Entry during;
    try {
      during = Pipeline.run(p.context(TODAY), "ingest", List.of(Pipeline.Stage.INGEST));
    } finally {
      copying.set(false);
      copy.join();
    }
    assertThat(during.filesIngested()).as("the file being copied is not read half").isZero();
    assertThat(warehouse(p).exists(TableName.FILES)).as("nor recorded as seen").isFalse();

    Files.setLastModifiedTime(growing, FileTime.fromMillis(System.currentTimeMillis() - 60_000));
    RunLog.Entry after = Pipeline.run(p.context(TODAY), "ingest", List.of(Pipeline.Stage.INGEST));
    assertThat(after.filesIngested()).isEqualTo(1);
    assertThat(after.rowsIn()).as("the whole file: E and F1…Fn").isEqualTo(1 + appended.get());
  }

  @Test
  void withTheDoneMarkerConventionAFileWaitsForItsMarker() {
    TestProvince p = TestProvince.tiny();
    p.setting("landing_done_marker", "true");
    p.write(
        "dialogues/D2/2022-Q1.csv",
        DIALOGUES + "E,12/01/2022,Thanh Bình,Xã,Bí thư,Trực tiếp,90,80,72\n");
    RunLog.Entry before = Pipeline.run(p.context(TODAY), "ingest", List.of(Pipeline.Stage.INGEST));
    assertThat(before.filesIngested()).isZero();

    p.write("dialogues/D2/2022-Q1.csv.done", "");
    RunLog.Entry after = Pipeline.run(p.context(TODAY), "ingest", List.of(Pipeline.Stage.INGEST));
    assertThat(after.filesIngested()).isEqualTo(1);
    assertThat(after.filesRejected()).as("the marker is not a submission").isZero();
    assertThat(after.filesSeen()).isEqualTo(1);
  }

  private static void assertSameTables(TestProvince p) {
    List<TableComparison.Result> results =
        TableComparison.compare(warehouse(p), warehouse(clean), t -> true);
    assertThat(results)
        .extracting(TableComparison.Result::toString)
        .allMatch(r -> r.endsWith(": same"));
    assertThat(results).hasSizeGreaterThan(15);
  }

  /**
   * Waits until {@code run}'s process holds the warehouse lock at {@code lock} and returns the id
   * of its run.
   */
  private static String awaitHolder(Path lock, ChildRun run) throws Exception {
    Instant deadline = Instant.now().plus(Duration.ofMinutes(4));
    while (true) {
      Properties holder = readLock(lock);
      if (holder != null && Long.toString(run.pid()).equals(holder.getProperty("pid"))) {
        return holder.getProperty("run_id");
      }
      run.assertAlive("taking the warehouse lock");
      if (Instant.now().isAfter(deadline)) {
        throw new AssertionError("the run did not take the lock in 4 min:\n" + run.tail());
      }
      Thread.sleep(100);
    }
  }

  /** The lock file's properties, null when there is none. */
  private static Properties readLock(Path lock) throws IOException {
    Properties holder = new Properties();
    try (Reader r = Files.newBufferedReader(lock, StandardCharsets.ISO_8859_1)) {
      holder.load(r);
    } catch (NoSuchFileException e) {
      return null;
    }
    return holder;
  }

  private static Warehouse warehouse(TestProvince p) {
    return new Warehouse(SharedSpark.get(), p.warehouse().toString());
  }

  private static String[] runArgs(TestProvince p) {
    return p.commandLine("run", "--master", "local[2]");
  }
}
