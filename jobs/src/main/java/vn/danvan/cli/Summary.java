package vn.danvan.cli;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;
import java.util.stream.Stream;
import vn.danvan.job.JobContext;
import vn.danvan.warehouse.TableName;

/** What a run leaves behind and where to look, printed at its end. */
final class Summary {

  private Summary() {}

  /** A few lines naming the tables (with versions), the review packs, and how to query them. */
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
    List<String> packs = reviewPacks(Path.of(ctx.out(), "review").toAbsolutePath());
    if (!packs.isEmpty()) {
      s.append("Review packs under ")
          .append(Path.of(ctx.out(), "review").toAbsolutePath())
          .append(": ")
          .append(String.join(", ", packs))
          .append(" (index.html to read, review.pdf to print)\n");
    }
    s.append("Query them: bin/danvan sql \"select * from gold.indicator_values limit 10\"");
    return s.toString();
  }

  /** The folders under {@code review} that hold a pack, by name. */
  private static List<String> reviewPacks(Path review) {
    if (!Files.isDirectory(review)) {
      return List.of();
    }
    try (Stream<Path> dirs = Files.list(review)) {
      return dirs.filter(d -> Files.isRegularFile(d.resolve("index.html")))
          .map(d -> d.getFileName().toString())
          .filter(name -> !name.startsWith("."))
          .sorted()
          .toList();
    } catch (IOException e) {
      throw new UncheckedIOException("Cannot list the review packs in " + review, e);
    }
  }
}
