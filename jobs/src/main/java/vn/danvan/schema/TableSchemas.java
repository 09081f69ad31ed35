package vn.danvan.schema;

import java.util.ArrayList;
import java.util.List;
import org.apache.spark.sql.types.DataTypes;
import org.apache.spark.sql.types.StructField;
import org.apache.spark.sql.types.StructType;

/**
 * The schemas of the bronze, silver and quarantine tables, derived from each kind's declaration.
 */
public final class TableSchemas {

  public static final String INGESTED_AT = "ingested_at";
  public static final String NUMBER_CONVENTION = "number_convention";
  public static final String ENCODING = "encoding";
  public static final String EXTRA_COLUMNS = "extra_columns";
  public static final String COMMUNE_CODE = "commune_code";
  public static final String COMMUNE_NAME = "commune_name";
  public static final String DISTRICT_CODE = "district_code";
  public static final String PROVINCE_CODE = "province_code";
  public static final String RECORD_DATE = "record_date";
  public static final String ERRORS = "_errors";

  /** One failed check of a row, as refine collects them. */
  public static final StructType ERROR =
      DataTypes.createStructType(
          List.of(
              DataTypes.createStructField("code", DataTypes.StringType, false),
              DataTypes.createStructField("column", DataTypes.StringType, true),
              DataTypes.createStructField("reason_vi", DataTypes.StringType, false),
              DataTypes.createStructField("reason_en", DataTypes.StringType, false)));

  /** The quarantine: every row refine could not accept, with why. */
  public static final StructType QUARANTINE =
      DataTypes.createStructType(
          concat(
              List.of(DataTypes.createStructField("kind", DataTypes.StringType, false)),
              Lineage.FIELDS,
              List.of(
                  DataTypes.createStructField("reason_code", DataTypes.StringType, false),
                  DataTypes.createStructField("column", DataTypes.StringType, true),
                  DataTypes.createStructField("reason", DataTypes.StringType, false),
                  DataTypes.createStructField("reason_vi", DataTypes.StringType, false),
                  DataTypes.createStructField(
                      "reason_codes", DataTypes.createArrayType(DataTypes.StringType), false),
                  DataTypes.createStructField("raw", DataTypes.StringType, false))));

  private TableSchemas() {}

  /** {@code bronze.<kind>}: lineage, then every declared column as the text the file held. */
  public static StructType bronze(RecordKind kind) {
    List<StructField> fields = new ArrayList<>(Lineage.FIELDS);
    fields.add(DataTypes.createStructField(INGESTED_AT, DataTypes.TimestampType, false));
    fields.add(DataTypes.createStructField(ENCODING, DataTypes.StringType, false));
    fields.add(DataTypes.createStructField(NUMBER_CONVENTION, DataTypes.StringType, false));
    for (ColumnSpec c : kind.columns()) {
      fields.add(DataTypes.createStructField(c.name(), DataTypes.StringType, true));
    }
    fields.add(
        DataTypes.createStructField(
            EXTRA_COLUMNS,
            DataTypes.createMapType(DataTypes.StringType, DataTypes.StringType, true),
            false));
    return DataTypes.createStructType(fields);
  }

  /**
   * {@code silver.<kind>}: lineage, the typed record columns (personal data left out, the commune
   * resolved to its code and official name), the units above it on the record's date, and the date
   * that places the record in periods.
   */
  public static StructType silver(RecordKind kind) {
    List<StructField> fields = new ArrayList<>(Lineage.FIELDS);
    for (ColumnSpec c : kind.columns()) {
      if (c.type() == ColumnType.PERSONAL || c.isUnit()) {
        continue;
      }
      fields.add(DataTypes.createStructField(c.name(), c.type().silverType(), true));
    }
    fields.add(DataTypes.createStructField(COMMUNE_CODE, DataTypes.StringType, true));
    fields.add(DataTypes.createStructField(COMMUNE_NAME, DataTypes.StringType, true));
    fields.add(DataTypes.createStructField(DISTRICT_CODE, DataTypes.StringType, true));
    fields.add(DataTypes.createStructField(PROVINCE_CODE, DataTypes.StringType, true));
    fields.add(DataTypes.createStructField(RECORD_DATE, DataTypes.DateType, true));
    return DataTypes.createStructType(fields);
  }

  /** A silver row on its way: the silver columns plus the checks it failed so far. */
  public static StructType refining(RecordKind kind) {
    return silver(kind)
        .add(DataTypes.createStructField(ERRORS, DataTypes.createArrayType(ERROR), false))
        .add(DataTypes.createStructField("_raw", DataTypes.StringType, false));
  }

  @SafeVarargs
  private static List<StructField> concat(List<StructField>... parts) {
    List<StructField> all = new ArrayList<>();
    for (List<StructField> p : parts) {
      all.addAll(p);
    }
    return all;
  }
}
