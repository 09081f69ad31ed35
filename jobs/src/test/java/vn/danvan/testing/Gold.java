package vn.danvan.testing;

import static org.apache.spark.sql.functions.col;

import java.util.List;
import org.apache.spark.sql.Row;
import vn.danvan.warehouse.TableName;
import vn.danvan.warehouse.Warehouse;

/** Reads one value of {@code gold.indicator_values} in tests, failing with the row's key. */
public final class Gold {

  private Gold() {}

  /** The gold row of the indicator, basis, unit and period; fails unless exactly one exists. */
  public static Row row(
      Warehouse warehouse, String indicator, String basis, String unit, String periodKey) {
    List<Row> rows =
        warehouse
            .read(TableName.INDICATOR_VALUES)
            .filter(
                col("indicator_id")
                    .equalTo(indicator)
                    .and(col("basis").equalTo(basis))
                    .and(col("unit_code").equalTo(unit))
                    .and(col("period_key").equalTo(periodKey)))
            .collectAsList();
    if (rows.size() != 1) {
      throw new AssertionError(
          rows.size() + " gold rows for " + indicator + "/" + basis + "/" + unit + "/" + periodKey);
    }
    return rows.get(0);
  }
}
