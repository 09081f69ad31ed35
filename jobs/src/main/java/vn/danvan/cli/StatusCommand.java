package vn.danvan.cli;

import static org.apache.spark.sql.functions.col;
import static org.apache.spark.sql.functions.count;
import static org.apache.spark.sql.functions.lit;
import static org.apache.spark.sql.functions.sum;

import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.SparkSession;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import vn.danvan.errors.DanvanException;
import vn.danvan.ops.Reconciliation;
import vn.danvan.warehouse.TableName;
import vn.danvan.warehouse.Warehouse;

/**
 * Prints table versions and row counts, the last runs, files by status and quarantine by reason.
 */
@Command(
    name = "status",
    mixinStandardHelpOptions = true,
    description =
        "Table versions and row counts, the last runs, files by status and quarantine counts by"
            + " reason.")
final class StatusCommand implements Callable<Integer> {

  @Mixin CommonOptions options;

  @Override
  public Integer call() {
    options.refuseAsOf();
    SparkSession spark = Jobs.session(options, "status");
    Warehouse warehouse = new Warehouse(spark, options.warehouse);
    Map<TableName, Long> versions = new LinkedHashMap<>();
    for (TableName table : TableName.all()) {
      warehouse.version(table).ifPresent(v -> versions.put(table, v));
    }
    if (versions.isEmpty()) {
      throw new DanvanException(
          "no Delta tables under "
              + warehouse.root()
              + ": check --warehouse, or make them with danvan run");
    }
    PrintStream out = new PrintStream(System.out, true, StandardCharsets.UTF_8);
    out.println("Warehouse " + warehouse.root());
    out.printf("%-26s %8s %10s%n", "table", "version", "rows");
    versions.forEach(
        (table, version) ->
            out.printf("%-26s %8d %10d%n", table, version, warehouse.read(table).count()));
    if (warehouse.exists(TableName.RUNS)) {
      out.println();
      out.println("Last runs:");
      warehouse
          .read(TableName.RUNS)
          .orderBy(col("finished_at").desc())
          .limit(5)
          .collectAsList()
          .forEach(
              r ->
                  out.printf(
                      "  %s %-10s %-9s in %d, silver %d, quarantine %d, superseded %d%n",
                      r.getAs("run_id"),
                      r.getAs("command"),
                      r.getAs("status"),
                      r.<Long>getAs("rows_in"),
                      r.<Long>getAs("rows_to_silver"),
                      r.<Long>getAs("rows_to_quarantine"),
                      r.<Long>getAs("rows_superseded")));
    }
    if (warehouse.exists(TableName.FILES)) {
      out.println();
      out.println("Files by kind and status (rows):");
      for (Row r :
          warehouse
              .read(TableName.FILES)
              .groupBy(col("kind"), col("status"))
              .agg(count(lit(1)).as("files"), sum(col("rows")).as("rows"))
              .orderBy(col("kind"), col("status"))
              .collectAsList()) {
        out.printf(
            "  %-10s %-11s %6d file(s) %9d row(s)%n",
            r.getAs("kind") == null ? "?" : r.getAs("kind"),
            r.getAs("status"),
            r.<Long>getAs("files"),
            r.<Long>getAs("rows"));
      }
    }
    if (warehouse.exists(TableName.QUARANTINE)) {
      out.println();
      out.println("Quarantine by kind and reason:");
      for (Row r :
          warehouse
              .read(TableName.QUARANTINE)
              .groupBy(col("kind"), col("reason_code"))
              .count()
              .orderBy(col("kind"), col("count").desc())
              .collectAsList()) {
        out.printf(
            "  %-10s %-32s %6d%n", r.getAs("kind"), r.getAs("reason_code"), r.<Long>getAs("count"));
      }
    }
    List<Reconciliation.Mismatch> mismatches = Reconciliation.mismatches(warehouse);
    out.println();
    if (mismatches.isEmpty()) {
      out.println(
          "Reconciliation: every row of every file is in silver or in quarantine, or was superseded.");
    } else {
      out.println("Reconciliation: " + mismatches.size() + " file(s) do not add up:");
      mismatches.forEach(
          m ->
              out.printf(
                  "  %s (%s): %d row(s) read, %d in silver, %d in quarantine%n",
                  m.sourceFile(), m.status(), m.rows(), m.inSilver(), m.inQuarantine()));
      if (mismatches.stream().anyMatch(m -> Reconciliation.UNRECORDED.equals(m.status()))) {
        out.println(
            "  (unrecorded: rows a run refined and died before recording; they are replaced"
                + " when their file is read again)");
      }
    }
    return 0;
  }
}
