package vn.danvan.cli;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.concurrent.Callable;
import org.apache.spark.sql.SparkSession;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Parameters;
import vn.danvan.errors.DanvanException;
import vn.danvan.job.JobContext;
import vn.danvan.notebook.NotebookRunner;
import vn.danvan.notebook.NotebookSource;
import vn.danvan.warehouse.Snapshot;
import vn.danvan.warehouse.Warehouse;

/** Executes an exported notebook against the warehouse and writes the executed notebook. */
@Command(
    name = "notebook",
    mixinStandardHelpOptions = true,
    description =
        "Runs every cell of an exported notebook (Databricks SQL source, as in notebooks-export/)"
            + " against the warehouse and writes the executed .ipynb, results as tables, to"
            + " <out>/notebooks/.")
final class NotebookCommand implements Callable<Integer> {

  @Mixin CommonOptions options;

  @Parameters(index = "0", paramLabel = "FILE", description = "The exported notebook (.sql).")
  Path file;

  @Override
  public Integer call() {
    String text;
    try {
      text = Files.readString(file, StandardCharsets.UTF_8);
    } catch (NoSuchFileException e) {
      throw new DanvanException("the notebook " + file + " does not exist", e);
    } catch (IOException e) {
      throw new DanvanException("cannot read the notebook " + file + ": " + e, e);
    }
    String name = file.getFileName().toString().replaceAll("\\.[^.]*$", "");
    SparkSession spark = Jobs.session(options, "notebook");
    Snapshot.asOf(new Warehouse(spark, options.warehouse), options.asOf, JobContext.VIETNAM)
        .registerTables();
    NotebookRunner.Result result =
        new NotebookRunner(spark)
            .run(NotebookSource.parse(name, text), Path.of(options.out, "notebooks"));
    System.out.println(
        "Executed "
            + result.rowsPerCell().size()
            + " SQL cell(s) of "
            + file
            + " (rows: "
            + result.rowsPerCell()
            + ") → "
            + result.output());
    return 0;
  }
}
