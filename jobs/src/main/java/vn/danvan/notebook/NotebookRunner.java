package vn.danvan.notebook;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.math.BigDecimal;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.apache.commons.text.StringEscapeUtils;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.SparkSession;
import vn.danvan.errors.DanvanException;

/**
 * Executes an exported notebook against the warehouse, cell by cell, and writes it as an executed
 * Jupyter notebook (nbformat 4) whose outputs are the result tables.
 */
public final class NotebookRunner {

  /** Rows a result shows at most. */
  public static final int MAX_ROWS = 200;

  private static final ObjectMapper JSON =
      new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT);

  /**
   * What running a notebook gave.
   *
   * @param output the executed notebook written
   * @param rowsPerCell rows each SQL cell returned, in order
   */
  public record Result(Path output, List<Long> rowsPerCell) {}

  private final SparkSession spark;

  /** A runner using {@code spark}, whose catalog already names the warehouse's tables. */
  public NotebookRunner(SparkSession spark) {
    this.spark = spark;
  }

  /** Runs {@code source} and writes {@code <outDir>/<name>.ipynb}; fails on the first bad cell. */
  public Result run(NotebookSource source, Path outDir) {
    ObjectNode notebook = JSON.createObjectNode();
    notebook.put("nbformat", 4);
    notebook.put("nbformat_minor", 5);
    ObjectNode metadata = notebook.putObject("metadata");
    ObjectNode kernel = metadata.putObject("kernelspec");
    kernel.put("name", "danvan-sql");
    kernel.put("display_name", "Spark SQL (danvan)");
    kernel.put("language", "sql");
    metadata.putObject("language_info").put("name", "sql");
    ArrayNode cells = notebook.putArray("cells");
    List<Long> rows = new ArrayList<>();
    int execution = 0;
    for (int i = 0; i < source.cells().size(); i++) {
      NotebookSource.Cell cell = source.cells().get(i);
      ObjectNode c = cells.addObject();
      c.put("id", source.name() + "-" + (i + 1));
      c.putObject("metadata");
      if (cell.markdown()) {
        c.put("cell_type", "markdown");
        lines(c.putArray("source"), cell.text());
        continue;
      }
      c.put("cell_type", "code");
      c.put("execution_count", ++execution);
      lines(c.putArray("source"), cell.text());
      ArrayNode outputs = c.putArray("outputs");
      Dataset<Row> result;
      List<Row> shown;
      long count;
      try {
        result = spark.sql(cell.text());
        shown = result.limit(MAX_ROWS + 1).collectAsList();
        count = shown.size();
      } catch (RuntimeException e) {
        ObjectNode error = outputs.addObject();
        error.put("output_type", "error");
        error.put("ename", e.getClass().getSimpleName());
        error.put("evalue", firstLine(e.getMessage()));
        error.putArray("traceback");
        write(notebook, source, outDir);
        throw new DanvanException(
            "notebook " + source.name() + ", cell " + (i + 1) + ": " + firstLine(e.getMessage()),
            e);
      }
      rows.add(count);
      ObjectNode out = outputs.addObject();
      out.put("output_type", "execute_result");
      out.put("execution_count", execution);
      out.putObject("metadata");
      ObjectNode data = out.putObject("data");
      List<Row> visible = shown.subList(0, (int) Math.min(count, MAX_ROWS));
      data.put("text/html", html(result.columns(), visible, count > MAX_ROWS));
      lines(data.putArray("text/plain"), plain(result.columns(), visible));
    }
    return new Result(write(notebook, source, outDir), rows);
  }

  private static Path write(ObjectNode notebook, NotebookSource source, Path outDir) {
    try {
      Files.createDirectories(outDir);
      Path file = outDir.resolve(source.name() + ".ipynb");
      Files.writeString(file, JSON.writeValueAsString(notebook), StandardCharsets.UTF_8);
      return file;
    } catch (IOException e) {
      throw new UncheckedIOException("Cannot write the executed notebook into " + outDir, e);
    }
  }

  private static void lines(ArrayNode array, String text) {
    String[] lines = text.split("\n", -1);
    for (int i = 0; i < lines.length; i++) {
      array.add(i < lines.length - 1 ? lines[i] + "\n" : lines[i]);
    }
  }

  private static String html(String[] columns, List<Row> rows, boolean more) {
    StringBuilder h = new StringBuilder("<table>\n<thead><tr>");
    for (String c : columns) {
      h.append("<th>").append(StringEscapeUtils.escapeXml10(c)).append("</th>");
    }
    h.append("</tr></thead>\n<tbody>\n");
    for (Row r : rows) {
      h.append("<tr>");
      for (int i = 0; i < r.size(); i++) {
        h.append("<td>").append(StringEscapeUtils.escapeXml10(cell(r.get(i)))).append("</td>");
      }
      h.append("</tr>\n");
    }
    h.append("</tbody>\n</table>");
    if (more) {
      h.append("\n<p>(")
          .append(MAX_ROWS)
          .append("+ rows; first ")
          .append(MAX_ROWS)
          .append(" shown)</p>");
    }
    return h.toString();
  }

  private static String plain(String[] columns, List<Row> rows) {
    StringBuilder t = new StringBuilder(String.join(" | ", columns));
    for (Row r : rows) {
      t.append('\n');
      List<String> cells = new ArrayList<>();
      for (int i = 0; i < r.size(); i++) {
        cells.add(cell(r.get(i)));
      }
      t.append(String.join(" | ", cells));
    }
    return t.toString();
  }

  private static String cell(Object value) {
    if (value == null) {
      return "";
    }
    if (value instanceof Double d && !d.isNaN() && !d.isInfinite()) {
      return BigDecimal.valueOf(d).stripTrailingZeros().toPlainString();
    }
    return value.toString();
  }

  private static String firstLine(String message) {
    return message == null ? "" : message.lines().findFirst().orElse(message);
  }
}
