package vn.danvan.notebook;

import java.util.ArrayList;
import java.util.List;

/**
 * A notebook exported as Databricks SQL source: cells separated by {@code -- COMMAND ----------},
 * Markdown cells written as {@code -- MAGIC %md} lines, every other cell one SQL statement.
 *
 * @param name the notebook's name (its file name without extension)
 * @param cells the cells in order
 */
public record NotebookSource(String name, List<Cell> cells) {

  private static final String HEADER = "-- Databricks notebook source";
  private static final String SEPARATOR = "-- COMMAND ----------";
  private static final String MAGIC = "-- MAGIC";

  /**
   * One cell.
   *
   * @param markdown true for a Markdown cell
   * @param text the Markdown (without the MAGIC prefixes) or the SQL
   */
  public record Cell(boolean markdown, String text) {}

  /** Parses the exported source {@code text}. */
  public static NotebookSource parse(String name, String text) {
    String body = text.replace("\r\n", "\n");
    if (body.startsWith("\uFEFF")) {
      body = body.substring(1);
    }
    if (!body.startsWith(HEADER)) {
      throw new IllegalArgumentException(
          name + " is not a Databricks notebook export: it must start with '" + HEADER + "'");
    }
    body = body.substring(HEADER.length());
    List<Cell> cells = new ArrayList<>();
    for (String chunk : body.split("\n" + SEPARATOR + "\n?")) {
      String cell = chunk.strip();
      if (cell.isEmpty()) {
        continue;
      }
      if (cell.startsWith(MAGIC)) {
        StringBuilder md = new StringBuilder();
        for (String line : cell.split("\n")) {
          String content = line.startsWith(MAGIC) ? line.substring(MAGIC.length()) : line;
          content = content.startsWith(" ") ? content.substring(1) : content;
          if (!content.strip().equals("%md")) {
            md.append(content.startsWith("%md ") ? content.substring(4) : content).append('\n');
          }
        }
        cells.add(new Cell(true, md.toString().strip()));
      } else {
        cells.add(new Cell(false, cell.replaceAll(";\\s*$", "")));
      }
    }
    return new NotebookSource(name, cells);
  }
}
