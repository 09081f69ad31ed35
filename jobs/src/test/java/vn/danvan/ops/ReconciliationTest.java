package vn.danvan.ops;

import static org.apache.spark.sql.functions.lit;
import static org.assertj.core.api.Assertions.assertThat;

import java.time.LocalDate;
import java.util.List;
import org.junit.jupiter.api.Test;
import vn.danvan.job.JobContext;
import vn.danvan.job.Pipeline;
import vn.danvan.schema.Lineage;
import vn.danvan.testing.TestProvince;
import vn.danvan.warehouse.TableName;

/** Every file's rows add up, and rows from a file the ledger does not record are named. */
class ReconciliationTest {

  private static final String DIALOGUES =
      "Mã cuộc,Ngày tổ chức,Tên xã,Cấp chủ trì,Chủ trì,Hình thức,Số người tham dự,"
          + "Số phiếu thu về,Số phiếu hài lòng\n"
          + "A,05/01/2021,Phố Ràng,Xã,Bí thư,Trực tiếp,120,100,80\n";

  /**
   * A run that refined a file and died before recording it leaves silver rows of a file the ledger
   * does not know: staged here by writing one such row.
   */
  @Test
  void silverRowsOfAFileTheLedgerDoesNotRecordAreNamed() {
    TestProvince p = TestProvince.tiny();
    p.write("dialogues/D1/2021-Q1.csv", DIALOGUES);
    JobContext ctx = p.context(LocalDate.of(2021, 12, 31));
    Pipeline.run(ctx, "run", List.of(Pipeline.Stage.INGEST, Pipeline.Stage.REFINE));
    assertThat(Reconciliation.mismatches(ctx.warehouse())).as("after a clean run").isEmpty();

    TableName silver = TableName.silver("dialogues");
    ctx.warehouse()
        .append(
            silver,
            ctx.warehouse()
                .read(silver)
                .limit(1)
                .withColumn(Lineage.SOURCE_FILE, lit("dialogues/D1/2021-Q1-sua.csv"))
                .withColumn(Lineage.FILE_HASH, lit("unrecorded-hash")));

    assertThat(Reconciliation.mismatches(ctx.warehouse()))
        .containsExactly(
            new Reconciliation.Mismatch(
                "dialogues/D1/2021-Q1-sua.csv", Reconciliation.UNRECORDED, 0, 1, 0));
  }
}
