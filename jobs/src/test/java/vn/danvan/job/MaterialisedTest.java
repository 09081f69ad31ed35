package vn.danvan.job;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.Set;
import java.util.TreeSet;
import org.apache.spark.api.java.JavaSparkContext;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.SparkSession;
import org.apache.spark.sql.catalyst.plans.logical.LogicalPlan;
import org.junit.jupiter.api.Test;
import vn.danvan.testing.SharedSpark;

class MaterialisedTest {

  private final SparkSession spark = SharedSpark.get();

  /**
   * The frame keeps its rows and its schema, later steps see a plan of one node, and closing frees
   * what it held.
   */
  @Test
  void holdsTheRowsAsAPlanOfOneNodeUntilClosed() {
    Dataset<Row> made =
        spark
            .sql("SELECT * FROM VALUES ('D1', 120), ('D2', 60), ('D1', 45) AS t(unit_code, n)")
            .groupBy("unit_code")
            .sum("n")
            .withColumnRenamed("sum(n)", "participants");
    Set<Integer> before = persisted();

    Set<Integer> held;
    try (Materialised kept = Materialised.of(made)) {
      assertThat(kept.frame().schema()).isEqualTo(made.schema());
      LogicalPlan plan = kept.frame().queryExecution().logical();
      assertThat(plan.children().isEmpty()).as("children of %s", plan.nodeName()).isTrue();
      List<Row> rows = kept.frame().orderBy("unit_code").collectAsList();
      assertThat(rows).extracting(Row::toString).containsExactly("[D1,165]", "[D2,60]");
      held = new TreeSet<>(persisted());
      held.removeAll(before);
      assertThat(held).as("rows held while open").hasSize(1);
    }

    assertThat(persisted()).as("rows freed when closed").doesNotContainAnyElementsOf(held);
  }

  private Set<Integer> persisted() {
    return new TreeSet<>(
        JavaSparkContext.fromSparkContext(spark.sparkContext()).getPersistentRDDs().keySet());
  }
}
