package vn.danvan.cli;

import java.io.IOException;
import java.io.PrintStream;
import java.io.UncheckedIOException;
import java.math.BigDecimal;
import java.nio.charset.StandardCharsets;
import java.util.Iterator;
import java.util.concurrent.Callable;
import org.apache.commons.csv.CSVFormat;
import org.apache.commons.csv.CSVPrinter;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.SparkSession;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Parameters;
import vn.danvan.job.JobContext;
import vn.danvan.warehouse.Snapshot;
import vn.danvan.warehouse.Warehouse;

/** Runs Spark SQL against the warehouse's tables and prints the result as CSV with a header. */
@Command(
    name = "sql",
    mixinStandardHelpOptions = true,
    description =
        "Runs Spark SQL against the warehouse (tables by their public names: silver.dialogues,"
            + " gold.indicator_values, …) and prints CSV with a header row to stdout.")
final class SqlCommand implements Callable<Integer> {

  @Mixin CommonOptions options;

  @Parameters(index = "0", paramLabel = "QUERY", description = "The Spark SQL query.")
  String query;

  @Override
  public Integer call() {
    SparkSession spark = Jobs.session(options, "sql");
    Warehouse warehouse = new Warehouse(spark, options.warehouse);
    Snapshot.asOf(warehouse, options.asOf, JobContext.VIETNAM).registerTables();
    Dataset<Row> result = spark.sql(query);
    PrintStream out = new PrintStream(System.out, true, StandardCharsets.UTF_8);
    print(result, out);
    return 0;
  }

  /** Writes {@code result} as CSV: a header, then one line per row. */
  static void print(Dataset<Row> result, Appendable out) {
    try (CSVPrinter printer =
        new CSVPrinter(out, CSVFormat.DEFAULT.builder().setRecordSeparator('\n').get())) {
      printer.printRecord((Object[]) result.columns());
      Iterator<Row> rows = result.toLocalIterator();
      while (rows.hasNext()) {
        Row row = rows.next();
        Object[] cells = new Object[row.size()];
        for (int i = 0; i < row.size(); i++) {
          cells[i] = cell(row.get(i));
        }
        printer.printRecord(cells);
      }
      printer.flush();
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  private static Object cell(Object value) {
    if (value instanceof Double d) {
      return d.isNaN() || d.isInfinite()
          ? d.toString()
          : BigDecimal.valueOf(d).stripTrailingZeros().toPlainString();
    }
    if (value instanceof scala.collection.Seq<?> seq) {
      return scala.jdk.javaapi.CollectionConverters.asJava(seq).toString();
    }
    return value;
  }
}
