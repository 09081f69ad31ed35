package vn.danvan.ops;

import static org.apache.spark.sql.functions.col;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.tuple;

import io.delta.tables.DeltaTable;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.FileTime;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.function.Supplier;
import org.apache.spark.SparkContext;
import org.apache.spark.sql.Encoders;
import org.junit.jupiter.api.Test;
import vn.danvan.job.JobContext;
import vn.danvan.job.Pipeline;
import vn.danvan.testing.SharedSpark;
import vn.danvan.testing.TestProvince;
import vn.danvan.warehouse.TableName;
import vn.danvan.warehouse.Warehouse;

/**
 * A command reads the file ledger once: the copy it keeps through its own writes is what the table
 * holds, and a commit not its own makes it read the table again.
 */
class RunLedgerTest {

  private static final LocalDate TODAY = LocalDate.of(2021, 12, 31);
  private static final List<Pipeline.Stage> INGEST_AND_REFINE =
      List.of(Pipeline.Stage.INGEST, Pipeline.Stage.REFINE);
  private static final String DIALOGUES =
      "Mã cuộc,Ngày tổ chức,Tên xã,Cấp chủ trì,Chủ trì,Hình thức,Số người tham dự,"
          + "Số phiếu thu về,Số phiếu hài lòng\n";
  private static final String FIRST =
      DIALOGUES
          + "A,05/01/2021,Phố Ràng,Xã,Bí thư,Trực tiếp,120,100,80\n"
          + "B,06/01/2021,Phố Ràng,Xã,Bí thư,Trực tiếp,60,50,45\n";
  private static final String CORRECTED =
      DIALOGUES + "A,05/01/2021,Phố Ràng,Xã,Bí thư,Trực tiếp,120,100,95\n";
  private static final String PETITIONS =
      "Mã ý kiến,Mã cuộc đối thoại,Ngày nêu,Trả lời tại chỗ\nP-1,A,05/01/2021,Có\n";

  @Test
  void theCopyKeptThroughARunsWritesIsWhatTheTableHolds() throws IOException {
    TestProvince p = TestProvince.tiny();
    p.write("dialogues/D1/2021-Q1.csv", FIRST);
    Path petitions = p.write("petitions/D1/2021-Q1.csv", PETITIONS);
    p.write("visits/D1/2021-Q1.csv", DIALOGUES);
    Pipeline.run(p.context(TODAY), "run", INGEST_AND_REFINE);

    // A copy, a correction and a file touched without a change: every kind of ledger change.
    p.write("dialogues/D1/2021-Q1-ban-sao.csv", FIRST);
    p.write("dialogues/D1/2021-Q1.csv", CORRECTED);
    Files.writeString(petitions, PETITIONS);
    Files.setLastModifiedTime(petitions, FileTime.fromMillis(System.currentTimeMillis() + 5_000));
    JobContext second = p.context(TODAY);
    Pipeline.run(second, "run", INGEST_AND_REFINE);

    SparkJobs jobs = new SparkJobs(SharedSpark.get().sparkContext());
    Ledger kept = jobs.during(() -> second.ledger().current());
    assertThat(jobs.count).as("Spark jobs to give the ledger after the run's own writes").isZero();
    Ledger read = new RunLedger(second.warehouse()).current();
    assertThat(kept.entries()).containsExactlyInAnyOrderElementsOf(read.entries());
    assertThat(statusByFile(kept))
        .containsExactlyEntriesOf(
            new TreeMap<>(
                Map.of(
                    "dialogues/D1/2021-Q1.csv", List.of("current", "superseded"),
                    "dialogues/D1/2021-Q1-ban-sao.csv", List.of("duplicate"),
                    "petitions/D1/2021-Q1.csv", List.of("current"),
                    "visits/D1/2021-Q1.csv", List.of("rejected"))));
    LedgerEntry touched =
        kept.entries().stream()
            .filter(e -> e.sourceFile().equals("petitions/D1/2021-Q1.csv"))
            .findFirst()
            .orElseThrow();
    assertThat(touched.modifiedAt().getTime())
        .as("the touched file's new time")
        .isEqualTo(Files.getLastModifiedTime(petitions).toMillis());
  }

  @Test
  void aCommitNotItsOwnMakesTheCopyReadAgain() {
    TestProvince p = TestProvince.tiny();
    p.write("dialogues/D1/2021-Q1.csv", FIRST);
    JobContext ctx = p.context(TODAY);
    Pipeline.run(ctx, "run", INGEST_AND_REFINE);
    LedgerEntry entry = ctx.ledger().current().entries().get(0);
    assertThat(entry.status()).isEqualTo("current");

    new RunLedger(ctx.warehouse()).write(List.of(entry.withStatus("superseded", "another-run")));

    assertThat(ctx.ledger().current().entries())
        .extracting(LedgerEntry::status, LedgerEntry::refinedRun)
        .containsExactly(tuple("superseded", "another-run"));
  }

  /**
   * A run that ingests and refines records its new files once, with their outcome: one append,
   * without the merge that reads the whole table to find none of them; a write that changes an
   * entry already there (a touched file) merges. A command that only ingests writes its entries at
   * once, and refine alone merges their outcome. Either way the table holds each (path, content)
   * once.
   */
  @Test
  void newFilesEntriesAreAppendedWithTheirOutcomeAndChangedOnesMerged() throws IOException {
    TestProvince p = TestProvince.tiny();
    Path dialogues = p.write("dialogues/D1/2021-Q1.csv", FIRST);
    Pipeline.run(p.context(TODAY), "run", INGEST_AND_REFINE);
    Warehouse warehouse = p.context(TODAY).warehouse();
    assertThat(operationsSince(warehouse, -1))
        .as("ops.files' commits by the first run")
        .containsExactly("WRITE");
    long first = warehouse.version(TableName.FILES).orElseThrow();

    p.write("petitions/D1/2021-Q1.csv", PETITIONS);
    Pipeline.run(p.context(TODAY), "run", INGEST_AND_REFINE);
    Files.setLastModifiedTime(dialogues, FileTime.fromMillis(System.currentTimeMillis() + 5_000));
    Pipeline.run(p.context(TODAY), "run", INGEST_AND_REFINE);
    p.write("petitions/D1/2021-Q2.csv", PETITIONS.replace("P-1", "P-2"));
    Pipeline.run(p.context(TODAY), "ingest", List.of(Pipeline.Stage.INGEST));
    Pipeline.run(p.context(TODAY), "refine", List.of(Pipeline.Stage.REFINE));

    assertThat(operationsSince(warehouse, first))
        .as(
            "ops.files' commits: the new petitions file's entry with its outcome, the touched"
                + " file's, then ingest's entry alone and refine's outcome")
        .containsExactly("WRITE", "MERGE", "WRITE", "MERGE");
    assertThat(
            warehouse
                .read(TableName.FILES)
                .groupBy("source_file", "file_hash")
                .count()
                .collectAsList())
        .extracting(r -> r.getString(0) + "=" + r.getLong(2))
        .containsExactlyInAnyOrder(
            "dialogues/D1/2021-Q1.csv=1",
            "petitions/D1/2021-Q1.csv=1",
            "petitions/D1/2021-Q2.csv=1");
    assertThat(statusByFile(new RunLedger(warehouse).current()))
        .containsExactlyEntriesOf(
            new TreeMap<>(
                Map.of(
                    "dialogues/D1/2021-Q1.csv", List.of("current"),
                    "petitions/D1/2021-Q1.csv", List.of("current"),
                    "petitions/D1/2021-Q2.csv", List.of("current"))));
  }

  /**
   * Held writes are what the copy shows, and nothing reaches the table until they are released;
   * abandoned (a run that failed), they are forgotten.
   */
  @Test
  void heldWritesShowInTheCopyAndReachTheTableOnlyWhenReleased() {
    TestProvince p = TestProvince.tiny();
    p.write("dialogues/D1/2021-Q1.csv", FIRST);
    JobContext ctx = p.context(TODAY);
    Pipeline.run(ctx, "run", INGEST_AND_REFINE);
    RunLedger ledger = new RunLedger(ctx.warehouse());
    LedgerEntry entry = ledger.current().entries().get(0);
    long version = ctx.warehouse().version(TableName.FILES).orElseThrow();

    ledger.hold();
    ledger.write(List.of(entry.withStatus("superseded", "held-run")));
    assertThat(ledger.current().entries())
        .extracting(LedgerEntry::status, LedgerEntry::refinedRun)
        .as("the copy while held")
        .containsExactly(tuple("superseded", "held-run"));
    assertThat(ctx.warehouse().version(TableName.FILES))
        .as("the table while held")
        .hasValue(version);
    ledger.abandon();
    assertThat(ledger.current().entries())
        .extracting(LedgerEntry::status)
        .as("the copy once abandoned")
        .containsExactly("current");

    ledger.hold();
    ledger.write(List.of(entry.withStatus("superseded", "released-run")));
    ledger.release();
    assertThat(ctx.warehouse().version(TableName.FILES)).hasValue(version + 1);
    assertThat(new RunLedger(ctx.warehouse()).current().entries())
        .extracting(LedgerEntry::status, LedgerEntry::refinedRun)
        .as("the table once released")
        .containsExactly(tuple("superseded", "released-run"));
  }

  private static List<String> operationsSince(Warehouse warehouse, long version) {
    return DeltaTable.forPath(SharedSpark.get(), warehouse.path(TableName.FILES))
        .history()
        .filter(col("version").gt(version))
        .orderBy("version")
        .select("operation")
        .as(Encoders.STRING())
        .collectAsList();
  }

  private static Map<String, List<String>> statusByFile(Ledger ledger) {
    Map<String, List<String>> byFile = new TreeMap<>();
    for (LedgerEntry e : ledger.entries()) {
      byFile.computeIfAbsent(e.sourceFile(), f -> new ArrayList<>()).add(e.status());
    }
    byFile.values().forEach(statuses -> statuses.sort(null));
    return byFile;
  }

  /** Counts the Spark jobs started from this thread while a call runs. */
  private static final class SparkJobs {
    private final SparkContext spark;
    private int count;

    SparkJobs(SparkContext spark) {
      this.spark = spark;
    }

    <T> T during(Supplier<T> call) {
      String group = "run-ledger-test-" + System.nanoTime();
      spark.setJobGroup(group, "counted", false);
      try {
        return call.get();
      } finally {
        spark.clearJobGroup();
        count = spark.statusTracker().getJobIdsForGroup(group).length;
      }
    }
  }
}
