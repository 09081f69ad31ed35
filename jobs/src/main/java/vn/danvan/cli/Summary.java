package vn.danvan.cli;

import java.nio.file.Path;
import java.util.Optional;
import vn.danvan.job.JobContext;
import vn.danvan.warehouse.TableName;

/** What a run leaves behind and where to look, printed at its end. */
final class Summary {

  private Summary() {}

  /** A few lines naming the tables (with versions), the charts, and how to query them. */
  static String of(JobContext ctx) {
    StringBuilder s = new StringBuilder();
    s.append("Delta tables under ").append(ctx.warehouse().root()).append(":\n");
    for (TableName table : TableName.all()) {
      Optional<Long> version = ctx.warehouse().version(table);
      version.ifPresent(
          v ->
              s.append(
                  String.format(
                      "  %-26s version %-4d %s%n", table, v, ctx.warehouse().path(table))));
    }
    Path charts = Path.of(ctx.out(), "charts").toAbsolutePath();
    if (charts.toFile().isDirectory()) {
      s.append("Charts: ").append(charts).append('\n');
    }
    s.append("Query them: bin/danvan sql \"select * from gold.indicator_values limit 10\"");
    return s.toString();
  }
}
