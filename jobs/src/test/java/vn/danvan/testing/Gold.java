package vn.danvan.testing;

import static org.apache.spark.sql.functions.col;
import static org.assertj.core.api.Assertions.assertThat;

import java.time.LocalDate;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.apache.spark.sql.Row;
import vn.danvan.indicators.IndicatorsStage;
import vn.danvan.warehouse.TableName;
import vn.danvan.warehouse.Warehouse;

/** Reads gold in tests, failing with the row's key. */
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

  /**
   * Gold as the incremental runs left it is gold recomputed whole on {@code today}, row for row:
   * values, league and outliers.
   */
  public static void assertEqualsFullRecompute(TestProvince province, LocalDate today) {
    Warehouse warehouse = province.context(today).warehouse();
    List<TableName> tables =
        List.of(TableName.INDICATOR_VALUES, TableName.LEAGUE, TableName.OUTLIERS);
    Map<TableName, List<String>> incremental = new LinkedHashMap<>();
    tables.forEach(t -> incremental.put(t, rows(warehouse, t)));
    IndicatorsStage.full().execute(province.context(today));
    for (TableName t : tables) {
      assertThat(incremental.get(t)).as("%s", t).containsExactlyElementsOf(rows(warehouse, t));
    }
  }

  /** The rows of {@code table}, each as text, sorted. */
  public static List<String> rows(Warehouse warehouse, TableName table) {
    return warehouse.read(table).collectAsList().stream().map(Row::toString).sorted().toList();
  }
}
