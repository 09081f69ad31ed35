package vn.danvan.warehouse;

import static org.assertj.core.api.Assertions.assertThat;

import org.apache.spark.sql.SparkSession;
import org.junit.jupiter.api.Test;
import vn.danvan.testing.SharedSpark;

class SparkSessionsTest {

  /** The test session is given these as -Dspark.… (SharedSpark), as spark-submit --conf would. */
  @Test
  void settingsGivenBeforeTheSessionWinOverTheJobsDefaults() {
    SparkSession spark = SharedSpark.get();
    assertThat(spark.conf().get("spark.sql.shuffle.partitions")).isEqualTo("1");
    assertThat(spark.conf().get("spark.databricks.delta.snapshotPartitions")).isEqualTo("1");
    assertThat(spark.conf().get("spark.sql.session.timeZone"))
        .as("a default nobody overrode")
        .isEqualTo("Asia/Ho_Chi_Minh");
    assertThat(spark.conf().get("spark.sql.extensions"))
        .isEqualTo("io.delta.sql.DeltaSparkSessionExtension");
  }

  @Test
  void commitsDoNotRebuildATablesStateForANonUtcTimeZone() {
    assertThat(
            SharedSpark.get()
                .conf()
                .get("spark.databricks.delta.allFilesInCrc.verificationMode.forceOnNonUTC.enabled"))
        .as("Delta's check of timestamp partition values: no table is partitioned by one")
        .isEqualTo("false");
    assertThat(TableName.all())
        .allSatisfy(t -> assertThat(t.partitionColumns()).isSubsetOf("period_key"));
  }
}
