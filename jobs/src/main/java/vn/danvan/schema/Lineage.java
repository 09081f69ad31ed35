package vn.danvan.schema;

import java.util.List;
import org.apache.spark.sql.types.DataTypes;
import org.apache.spark.sql.types.StructField;

/** The lineage columns every bronze and silver row carries, declared once. */
public final class Lineage {

  public static final String SOURCE_FILE = "source_file";
  public static final String SOURCE_ROW = "source_row";
  public static final String SOURCE_LINE = "source_line";
  public static final String FILE_HASH = "file_hash";
  public static final String RUN_ID = "run_id";
  public static final String SUBMISSION_ID = "submission_id";
  public static final String REPORTING_UNIT = "reporting_unit";
  public static final String PERIOD_KEY = "period_key";

  /** The lineage columns in table order. */
  public static final List<StructField> FIELDS =
      List.of(
          DataTypes.createStructField(SOURCE_FILE, DataTypes.StringType, false),
          DataTypes.createStructField(SOURCE_ROW, DataTypes.IntegerType, false),
          DataTypes.createStructField(SOURCE_LINE, DataTypes.IntegerType, false),
          DataTypes.createStructField(FILE_HASH, DataTypes.StringType, false),
          DataTypes.createStructField(RUN_ID, DataTypes.StringType, false),
          DataTypes.createStructField(SUBMISSION_ID, DataTypes.StringType, false),
          DataTypes.createStructField(REPORTING_UNIT, DataTypes.StringType, false),
          DataTypes.createStructField(PERIOD_KEY, DataTypes.StringType, false));

  /** Names of the lineage columns in table order. */
  public static final List<String> NAMES = FIELDS.stream().map(StructField::name).toList();

  private Lineage() {}
}
