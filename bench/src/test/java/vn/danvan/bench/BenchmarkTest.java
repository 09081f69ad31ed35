package vn.danvan.bench;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.FileTime;
import java.time.Instant;
import java.time.LocalDate;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** What the bench leaves in a size's folder when it is stopped, and what it reads back. */
class BenchmarkTest {

  @TempDir Path dir;

  @Test
  void aStoppedBenchsLandingIsPutBackAsGenerated() throws Exception {
    Path landing = dir.resolve("landing");
    Path added = landing.resolve(Benchmark.NEW_FILE);
    Path models = landing.resolve(Benchmark.MODELS_FILE);
    Path resubmitted = landing.resolve(Benchmark.RESUBMITTED);
    Files.createDirectories(added.getParent());
    Files.createDirectories(models.getParent());
    Files.createDirectories(resubmitted.getParent());
    Files.writeString(added, "the incremental run's file\n");
    Files.writeString(models, "the models file\n");
    Files.writeString(resubmitted, "corrected\n");
    Path original = dir.resolve(Benchmark.ORIGINAL);
    Files.writeString(original, "as generated\n");
    FileTime generated = FileTime.from(Instant.parse("2026-11-30T10:15:00Z"));
    Files.setLastModifiedTime(original, generated);

    Benchmark.restoreLanding(dir);

    assertThat(added).doesNotExist();
    assertThat(models).doesNotExist();
    assertThat(resubmitted).hasContent("as generated");
    assertThat(Files.getLastModifiedTime(resubmitted)).isEqualTo(generated);
    assertThat(original).doesNotExist();
  }

  @Test
  void anUntouchedLandingIsLeftAsItIs() throws Exception {
    Path resubmitted = dir.resolve("landing").resolve(Benchmark.RESUBMITTED);
    Files.createDirectories(resubmitted.getParent());
    Files.writeString(resubmitted, "as generated\n");

    Benchmark.restoreLanding(dir);

    assertThat(resubmitted).hasContent("as generated");
  }

  @Test
  void aKeptWarehouseSharesItsDataFilesAndCopiesItsLog() throws Exception {
    Path source = dir.resolve("warehouse");
    Path data = source.resolve("gold/indicator_values/period_key=2026-Q2/part-00000.parquet");
    Path log = source.resolve("gold/indicator_values/_delta_log/00000000000000000000.json");
    Files.createDirectories(data.getParent());
    Files.createDirectories(log.getParent());
    Files.writeString(data, "parquet bytes");
    Files.writeString(log, "{\"commitInfo\":{}}\n");
    Path target = dir.resolve("full-run/warehouse");
    Files.createDirectories(target.resolve("stale"));

    Benchmark.copyTree(source, target);

    Path keptData = target.resolve(source.relativize(data).toString());
    Path keptLog = target.resolve(source.relativize(log).toString());
    assertThat(Files.isSameFile(keptData, data)).as(keptData.toString()).isTrue();
    assertThat(keptLog).hasContent("{\"commitInfo\":{}}");
    Files.writeString(log, "changed after keeping\n");
    assertThat(keptLog).hasContent("{\"commitInfo\":{}}");
    assertThat(target.resolve("stale")).doesNotExist();
  }

  @Test
  void aKeptFullRunIsReadBackAsMeasured() throws Exception {
    Benchmark.FullRun run =
        new Benchmark.FullRun(
            9876.5,
            3921,
            "reference 12.3 s, ingest 1334.1 s, refine 4010.0 s",
            LocalDate.of(2026, 12, 2));

    run.write(dir);

    assertThat(Benchmark.FullRun.read(dir)).isEqualTo(run);
  }

  @Test
  void agreementWithoutAFloorComparesOursWithDuckDb() {
    Map<String, Double> ours = Map.of("SAT_RATE|N01|2026-Q2", 0.9, "DLG_COUNT|N01|2026-Q2", 4.0);
    Map<String, Double> duck = Map.of("SAT_RATE|N01|2026-Q2", 0.9, "DLG_COUNT|N01|2026-Q2", 5.0);

    assertThat(Benchmark.agreement(ours, null, duck))
        .isEqualTo(
            "2 values compared (ours 2, DuckDB 2), 1 differ:"
                + " [DLG_COUNT|N01|2026-Q2 ours 4.0 duckdb 5.0]");
  }

  @Test
  void theIncrementalRatioIsTheirSumsRatioThenEachPairs() {
    assertThat(Benchmark.ratios(66.0, 50.0, 54.0, 50.0))
        .isEqualTo("incremental / empty = 1.2 (each pair: 1.3, 1.1)");
  }
}
