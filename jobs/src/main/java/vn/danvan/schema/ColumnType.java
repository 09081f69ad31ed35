package vn.danvan.schema;

import org.apache.spark.sql.types.DataType;
import org.apache.spark.sql.types.DataTypes;

/** What a landing column holds, and the type it has in silver. */
public enum ColumnType {
  /** Free text, NFC-normalised. */
  TEXT(DataTypes.StringType),
  /** A calendar date, day first or ISO. */
  DATE(DataTypes.DateType),
  /** A whole, non-negative number of things: people, sessions, ballots. */
  COUNT(DataTypes.LongType),
  /** A number that may have a fraction: labour days. */
  DECIMAL(DataTypes.createDecimalType(18, 2)),
  /** An amount of money in VND, scale words ("tỷ", "triệu") allowed. */
  AMOUNT_VND(DataTypes.createDecimalType(20, 0)),
  /** One value of a declared vocabulary, given in English or in Vietnamese. */
  ENUM(DataTypes.StringType),
  /** Yes or no ("có", "không", "x"). */
  BOOLEAN(DataTypes.BooleanType),
  /** The code of an administrative unit. */
  UNIT_CODE(DataTypes.StringType),
  /** The name of an administrative unit, resolved to its code. */
  UNIT_NAME(DataTypes.StringType),
  /** Personal data: hashed in bronze, never in silver or gold. */
  PERSONAL(DataTypes.StringType);

  private final DataType silverType;

  ColumnType(DataType silverType) {
    this.silverType = silverType;
  }

  /** The Spark type of this column in silver. */
  public DataType silverType() {
    return silverType;
  }

  /** True for the types read as numbers. */
  public boolean isNumeric() {
    return this == COUNT || this == DECIMAL || this == AMOUNT_VND;
  }
}
