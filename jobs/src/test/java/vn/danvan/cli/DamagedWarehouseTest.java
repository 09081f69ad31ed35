package vn.danvan.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.LocalDate;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import vn.danvan.job.Pipeline;
import vn.danvan.testing.SharedSpark;
import vn.danvan.testing.TestProvince;

/**
 * A warehouse damaged outside the job — a data file lost, a checkpoint corrupted — stops the run
 * with one line that names the table and what to do; it never yields figures computed from part of
 * a table.
 */
class DamagedWarehouseTest {

  private static final LocalDate TODAY = LocalDate.of(2021, 12, 31);
  private static final String DIALOGUES =
      "Mã cuộc,Ngày tổ chức,Tên xã,Cấp chủ trì,Chủ trì,Hình thức,Số người tham dự,"
          + "Số phiếu thu về,Số phiếu hài lòng\n";

  @Test
  void aMissingDataFileStopsTheRunNamingTheTable() throws IOException {
    TestProvince p = refined();
    Path table = p.warehouse().resolve("silver/dialogues");
    Path lost = dataFiles(table).get(0);
    Files.delete(lost);

    Result r = danvan(p, "indicators", "--full");

    assertThat(r.code()).isEqualTo(1);
    assertThat(r.err())
        .startsWith(
            "danvan: warehouse table silver.dialogues is damaged: its data file "
                + lost.getFileName()
                + " is missing.")
        .contains("RESTORE TABLE delta.`file:" + table);
    assertThat(r.err().lines().count()).as("one line:%n%s", r.err()).isEqualTo(1);
  }

  @Test
  void aCorruptCheckpointStopsTheRunNamingTheTable() throws IOException {
    SharedSpark.get()
        .conf()
        .set("spark.databricks.delta.properties.defaults.checkpointInterval", "1");
    TestProvince p;
    try {
      p = refined();
    } finally {
      SharedSpark.get()
          .conf()
          .unset("spark.databricks.delta.properties.defaults.checkpointInterval");
    }
    Path log = p.warehouse().resolve("silver/dialogues/_delta_log");
    List<Path> checkpoints;
    try (Stream<Path> files = Files.list(log)) {
      checkpoints = files.filter(f -> f.toString().endsWith(".checkpoint.parquet")).toList();
    }
    assertThat(checkpoints).isNotEmpty();
    for (Path c : checkpoints) {
      Files.write(c, "not a parquet file".getBytes(StandardCharsets.UTF_8));
    }
    org.apache.spark.sql.delta.DeltaLog.clearCache();

    Result r = danvan(p, "indicators", "--full");

    assertThat(r.code()).isEqualTo(1);
    assertThat(r.err())
        .startsWith("danvan: warehouse table silver.dialogues is damaged: its log file")
        .contains(".checkpoint.parquet cannot be read")
        .contains("_last_checkpoint");
    assertThat(r.err().lines().count()).as("one line:%n%s", r.err()).isEqualTo(1);
  }

  private static TestProvince refined() {
    TestProvince p = TestProvince.tiny();
    p.write(
        "dialogues/D1/2021-Q1.csv",
        DIALOGUES
            + "A,05/01/2021,Phố Ràng,Xã,Bí thư,Trực tiếp,120,100,80\n"
            + "B,06/02/2021,Bảo Hà,Xã,Chủ tịch,Trực tiếp,60,50,45\n");
    Pipeline.run(p.context(TODAY), "run", List.of(Pipeline.Stage.INGEST, Pipeline.Stage.REFINE));
    p.write(
        "dialogues/D2/2021-Q2.csv",
        DIALOGUES + "E,12/04/2021,Thanh Bình,Xã,Bí thư,Trực tiếp,90,80,72\n");
    Pipeline.run(p.context(TODAY), "run", List.of(Pipeline.Stage.INGEST, Pipeline.Stage.REFINE));
    return p;
  }

  private static List<Path> dataFiles(Path table) throws IOException {
    try (Stream<Path> files = Files.list(table)) {
      return files.filter(f -> f.toString().endsWith(".parquet")).sorted().toList();
    }
  }

  private record Result(int code, String err) {}

  private static Result danvan(TestProvince p, String... command) {
    ByteArrayOutputStream err = new ByteArrayOutputStream();
    PrintStream previous = System.err;
    System.setErr(new PrintStream(err, true, StandardCharsets.UTF_8));
    int code;
    try {
      code = Main.execute(p.commandLine(command));
    } finally {
      System.setErr(previous);
    }
    return new Result(code, err.toString(StandardCharsets.UTF_8).strip());
  }
}
