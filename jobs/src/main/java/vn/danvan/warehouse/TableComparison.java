package vn.danvan.warehouse;

import static org.apache.spark.sql.functions.array_sort;
import static org.apache.spark.sql.functions.col;
import static org.apache.spark.sql.functions.count;
import static org.apache.spark.sql.functions.lit;
import static org.apache.spark.sql.functions.map_entries;
import static org.apache.spark.sql.functions.round;
import static org.apache.spark.sql.functions.sum;
import static org.apache.spark.sql.functions.xxhash64;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.function.Predicate;
import org.apache.spark.sql.Column;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.types.DataTypes;
import org.apache.spark.sql.types.MapType;
import org.apache.spark.sql.types.StructField;

/**
 * Whether two warehouses hold the same content, table by table: the rows, not the versions or the
 * files. What differs between two honest runs by nature is left out — run ids ({@code run_id},
 * {@code *_run}), clock readings ({@code *_at}) and the run log {@code ops.runs} — and doubles are
 * compared to six decimals, since a cluster adds in another order than one machine. Each table is
 * first compared by a fingerprint (row count and sum of row hashes); only a table whose fingerprint
 * differs is compared row by row for the counts and an example.
 */
public final class TableComparison {

  private TableComparison() {}

  /**
   * One table's comparison.
   *
   * @param table the table
   * @param onlyLeft rows (with multiplicity) only the left warehouse has
   * @param onlyRight rows only the right warehouse has
   * @param example one differing row, or why the table cannot be compared; null when equal
   */
  public record Result(TableName table, long onlyLeft, long onlyRight, String example) {

    /** True when both hold the same rows. */
    public boolean same() {
      return example == null;
    }

    @Override
    public String toString() {
      return same()
          ? table + ": same"
          : table
              + ": differs ("
              + onlyLeft
              + " row(s) only left, "
              + onlyRight
              + " only right; e.g. "
              + example
              + ")";
    }
  }

  /** Compares every table {@code which} accepts. */
  public static List<Result> compare(Warehouse left, Warehouse right, Predicate<TableName> which) {
    List<Result> results = new ArrayList<>();
    for (TableName table : TableName.all()) {
      if (!which.test(table) || table.equals(TableName.RUNS)) {
        continue;
      }
      boolean l = left.exists(table);
      boolean r = right.exists(table);
      if (!l && !r) {
        continue;
      }
      if (l != r) {
        results.add(new Result(table, 0, 0, "only " + (l ? "left" : "right") + " has the table"));
        continue;
      }
      Dataset<Row> a = comparable(left.read(table));
      Dataset<Row> b = comparable(right.read(table)).select(columns(a));
      if (fingerprint(a).equals(fingerprint(b))) {
        results.add(new Result(table, 0, 0, null));
        continue;
      }
      Dataset<Row> onlyA = a.exceptAll(b).cache();
      Dataset<Row> onlyB = b.exceptAll(a).cache();
      long nA = onlyA.count();
      long nB = onlyB.count();
      String example = null;
      if (nA > 0) {
        example = "left " + onlyA.first();
      } else if (nB > 0) {
        example = "right " + onlyB.first();
      }
      onlyA.unpersist();
      onlyB.unpersist();
      results.add(new Result(table, nA, nB, example));
    }
    return results;
  }

  private static Dataset<Row> comparable(Dataset<Row> rows) {
    List<Column> kept = new ArrayList<>();
    for (StructField f : rows.schema().fields()) {
      String n = f.name();
      if (n.equals("run_id") || n.endsWith("_run") || n.endsWith("_at")) {
        continue;
      }
      Column c = col("`" + n + "`");
      if (f.dataType().equals(DataTypes.DoubleType)) {
        c = round(c, 6);
      } else if (f.dataType() instanceof MapType) {
        c = array_sort(map_entries(c)); // maps can be neither hashed nor set-compared
      }
      kept.add(c.as(n));
    }
    return rows.select(kept.toArray(Column[]::new));
  }

  /**
   * The row count and the sum of every row's 64-bit hash: equal for equal multisets of rows, in one
   * pass; only when they differ are the rows themselves compared.
   */
  private static Row fingerprint(Dataset<Row> rows) {
    return rows.agg(
            count(lit(1)), sum(xxhash64(columns(rows)).cast(DataTypes.createDecimalType(38, 0))))
        .first();
  }

  private static Column[] columns(Dataset<Row> rows) {
    return Arrays.stream(rows.columns()).map(c -> col("`" + c + "`")).toArray(Column[]::new);
  }
}
