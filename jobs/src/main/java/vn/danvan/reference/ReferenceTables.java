package vn.danvan.reference;

import java.sql.Date;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.RowFactory;
import org.apache.spark.sql.SparkSession;
import org.apache.spark.sql.types.DataType;
import org.apache.spark.sql.types.DataTypes;
import org.apache.spark.sql.types.StructField;
import org.apache.spark.sql.types.StructType;
import vn.danvan.text.CsvTable;
import vn.danvan.warehouse.TableName;

/**
 * The {@code ref.*} tables: each reference file as a typed table that keeps the file's column names
 * (DESIGN.md §3.2).
 */
public final class ReferenceTables {

  /** Which file each reference table comes from. */
  public static final Map<TableName, String> SOURCES =
      Map.of(
          TableName.UNITS, "units.csv",
          TableName.UNIT_LINEAGE, "unit_lineage.csv",
          TableName.TARGETS, "targets.csv",
          TableName.INDICATORS, "indicators.csv",
          TableName.HOLIDAYS, "holidays.csv",
          TableName.PHASES, "phases.csv");

  // Columns that are not text; every other column of a reference file is a string.
  private static final Map<String, DataType> TYPED_COLUMNS =
      Map.ofEntries(
          Map.entry("valid_from", DataTypes.DateType),
          Map.entry("valid_to", DataTypes.DateType),
          Map.entry("effective_on", DataTypes.DateType),
          Map.entry("date", DataTypes.DateType),
          Map.entry("em_share", DataTypes.DoubleType),
          Map.entry("population", DataTypes.LongType),
          Map.entry("em_population", DataTypes.LongType),
          Map.entry("population_year", DataTypes.IntegerType),
          Map.entry("weight", DataTypes.DoubleType),
          Map.entry("target", DataTypes.DoubleType),
          Map.entry("factor", DataTypes.DoubleType),
          Map.entry("default_target", DataTypes.DoubleType),
          Map.entry("first_year", DataTypes.IntegerType),
          Map.entry("last_year", DataTypes.IntegerType));

  private ReferenceTables() {}

  /** The file {@code table} as a typed frame. */
  public static Dataset<Row> frame(SparkSession spark, CsvTable table) {
    List<StructField> fields = new ArrayList<>();
    for (String column : table.header()) {
      fields.add(DataTypes.createStructField(column, typeOf(column), true));
    }
    StructType schema = DataTypes.createStructType(fields);
    List<Row> rows = new ArrayList<>();
    for (int i = 0; i < table.rows().size(); i++) {
      ReferenceCells cells = new ReferenceCells(table, i);
      Object[] values = new Object[fields.size()];
      for (int c = 0; c < fields.size(); c++) {
        values[c] = value(cells, fields.get(c));
      }
      rows.add(RowFactory.create(values));
    }
    return spark.createDataFrame(rows, schema);
  }

  private static DataType typeOf(String column) {
    return TYPED_COLUMNS.getOrDefault(column, DataTypes.StringType);
  }

  private static Object value(ReferenceCells cells, StructField field) {
    String column = field.name();
    if (cells.text(column) == null) {
      return null;
    }
    DataType type = field.dataType();
    if (type.equals(DataTypes.DateType)) {
      return Date.valueOf(cells.date(column, null));
    }
    if (type.equals(DataTypes.LongType)) {
      return cells.whole(column);
    }
    if (type.equals(DataTypes.IntegerType)) {
      return cells.whole(column).intValue();
    }
    if (type.equals(DataTypes.DoubleType)) {
      return cells.decimal(column, 0);
    }
    return cells.text(column);
  }
}
