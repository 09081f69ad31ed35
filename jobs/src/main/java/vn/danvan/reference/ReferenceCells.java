package vn.danvan.reference;

import java.time.LocalDate;
import java.time.format.DateTimeParseException;
import vn.danvan.errors.DanvanException;
import vn.danvan.text.CsvTable;

/** Typed reads of one reference-file row, failing with the file, row and column named. */
final class ReferenceCells {

  private final CsvTable table;
  private final int index;

  ReferenceCells(CsvTable table, int index) {
    this.table = table;
    this.index = index;
  }

  String text(String column) {
    return table.rows().get(index).get(column);
  }

  String required(String column) {
    String value = text(column);
    if (value == null) {
      throw problem(column, "is required");
    }
    return value;
  }

  LocalDate date(String column, LocalDate whenBlank) {
    String value = text(column);
    if (value == null) {
      if (whenBlank == null) {
        throw problem(column, "is required");
      }
      return whenBlank;
    }
    try {
      return LocalDate.parse(value);
    } catch (DateTimeParseException e) {
      throw problem(column, "'" + value + "' is not an ISO date (yyyy-MM-dd)");
    }
  }

  Long whole(String column) {
    String value = text(column);
    try {
      return value == null ? null : Long.parseLong(value);
    } catch (NumberFormatException e) {
      throw problem(column, "'" + value + "' is not a whole number");
    }
  }

  double decimal(String column, double whenBlank) {
    String value = text(column);
    try {
      return value == null ? whenBlank : Double.parseDouble(value);
    } catch (NumberFormatException e) {
      throw problem(column, "'" + value + "' is not a number (use a dot for decimals)");
    }
  }

  private DanvanException problem(String column, String what) {
    // Row numbers count the header as row 1, as a spreadsheet shows them.
    return new DanvanException(
        table.name() + ", row " + (index + 2) + ", column " + column + ": value " + what);
  }
}
