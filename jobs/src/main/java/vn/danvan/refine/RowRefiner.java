package vn.danvan.refine;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.Serializable;
import java.math.BigDecimal;
import java.sql.Date;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.RowFactory;
import org.apache.spark.sql.types.StructType;
import scala.jdk.javaapi.CollectionConverters;
import vn.danvan.errors.Reasons;
import vn.danvan.period.Period;
import vn.danvan.period.PeriodScheme;
import vn.danvan.reference.UnitDirectory;
import vn.danvan.reference.UnitResolution;
import vn.danvan.reference.UnitVersion;
import vn.danvan.reference.Vocabulary;
import vn.danvan.schema.ColumnSpec;
import vn.danvan.schema.ColumnType;
import vn.danvan.schema.Lineage;
import vn.danvan.schema.RecordKind;
import vn.danvan.schema.TableSchemas;
import vn.danvan.text.LegacyVietnamese;
import vn.danvan.text.NumberConvention;
import vn.danvan.text.Parsed;
import vn.danvan.text.PersonalData;
import vn.danvan.text.VietnameseDates;
import vn.danvan.text.VietnameseNumbers;
import vn.danvan.text.VietnameseText;

/**
 * Reads one bronze row into its typed silver form and lists every check it fails: cells that are
 * not what their column declares, required values missing, a date outside the file's period or in
 * the future, a commune that cannot be placed. Checks that need other rows run later, in Spark.
 */
public final class RowRefiner implements Serializable {

  private static final long serialVersionUID = 1L;
  private static final ObjectMapper JSON = new ObjectMapper();

  private final RecordKind kind;
  private final UnitDirectory units;
  private final Vocabulary vocabulary;
  private final PeriodScheme scheme;
  private final LocalDate today;
  private final StructType output;

  /** A refiner for rows of {@code kind}; dates after {@code today} are refused. */
  public RowRefiner(
      RecordKind kind,
      UnitDirectory units,
      Vocabulary vocabulary,
      PeriodScheme scheme,
      LocalDate today) {
    this.kind = kind;
    this.units = units;
    this.vocabulary = vocabulary;
    this.scheme = scheme;
    this.today = today;
    this.output = TableSchemas.refining(kind);
  }

  /** The schema of what {@link #refine} returns. */
  public StructType outputSchema() {
    return output;
  }

  /** The silver form of {@code bronze} with the list of checks it failed. */
  public Row refine(Row bronze) {
    Map<String, Object> values = new HashMap<>();
    List<Row> errors = new ArrayList<>();
    NumberConvention convention =
        NumberConvention.valueOf(bronze.getAs(TableSchemas.NUMBER_CONVENTION));
    for (ColumnSpec column : kind.columns()) {
      if (column.type() != ColumnType.PERSONAL && !column.isUnit()) {
        values.put(column.name(), cell(column, text(bronze, column), convention, errors));
      }
    }
    LocalDate date = recordDate(values);
    values.put(TableSchemas.RECORD_DATE, date == null ? null : Date.valueOf(date));
    if (date != null) {
      checkDate(date, bronze.getAs(Lineage.PERIOD_KEY), errors);
      if (kind.namesCommune()) {
        placeUnit(bronze, date, values, errors);
      }
    }
    Object[] cells = new Object[output.size()];
    for (int i = 0; i < output.size(); i++) {
      String name = output.fields()[i].name();
      cells[i] = Lineage.NAMES.contains(name) ? bronze.getAs(name) : values.get(name);
    }
    cells[output.fieldIndex(TableSchemas.ERRORS)] = CollectionConverters.asScala(errors).toSeq();
    cells[output.fieldIndex("_raw")] = raw(bronze);
    return RowFactory.create(cells);
  }

  private static String text(Row bronze, ColumnSpec column) {
    return cellText(bronze.getAs(column.name()));
  }

  /** A bronze cell's text as refine reads it: legacy encodings repaired, cleaned; blank is null. */
  static String cellText(String raw) {
    String clean = VietnameseText.clean(LegacyVietnamese.repair(raw));
    return clean == null || clean.isEmpty() ? null : clean;
  }

  private Object cell(
      ColumnSpec column, String text, NumberConvention convention, List<Row> errors) {
    String value = text == null ? column.defaultValue() : text;
    if (value == null) {
      if (column.isRequired()) {
        errors.add(error("MISSING_REQUIRED", column.name(), null, null));
      }
      return null;
    }
    Parsed<?> parsed =
        switch (column.type()) {
          case DATE -> VietnameseDates.parse(value);
          case COUNT, AMOUNT_VND -> VietnameseNumbers.parse(value, true, convention);
          case DECIMAL -> VietnameseNumbers.parse(value, false, convention);
          case ENUM ->
              vocabulary
                  .lookup(column.domain(), value)
                  .<Parsed<?>>map(Parsed::of)
                  .orElse(Parsed.failed("NOT_IN_VOCABULARY"));
          case BOOLEAN ->
              vocabulary
                  .lookup("boolean", value)
                  .<Parsed<?>>map(v -> Parsed.of(Boolean.valueOf(v)))
                  .orElse(Parsed.failed("NOT_A_BOOLEAN"));
          // Identifiers stay as written; phone numbers are masked in free text.
          default ->
              Parsed.of(column.name().endsWith("_id") ? value : PersonalData.maskPhones(value));
        };
    if (parsed.isFailed()) {
      String detail = column.type() == ColumnType.ENUM ? vocabulary.values(column.domain()) : null;
      errors.add(error(parsed.problem(), column.name(), value, detail));
      return null;
    }
    return typed(column, parsed.value(), value, errors);
  }

  private Object typed(ColumnSpec column, Object value, String text, List<Row> errors) {
    if (value instanceof BigDecimal number) {
      if (number.signum() < 0) {
        errors.add(error("NEGATIVE", column.name(), text, null));
        return null;
      }
      return switch (column.type()) {
        case COUNT -> number.longValueExact();
        case DECIMAL -> number.setScale(2, java.math.RoundingMode.HALF_UP);
        default -> number;
      };
    }
    if (value instanceof LocalDate d) {
      return Date.valueOf(d);
    }
    return value;
  }

  private LocalDate recordDate(Map<String, Object> values) {
    for (String column : kind.dateColumns()) {
      if (values.get(column) instanceof Date d) {
        return d.toLocalDate();
      }
    }
    return null;
  }

  private void checkDate(LocalDate date, String periodKey, List<Row> errors) {
    String column = kind.dateColumns().get(0);
    if (date.isAfter(today)) {
      errors.add(error("DATE_IN_FUTURE", column, date.toString(), null));
      return;
    }
    Period period = Period.of(periodKey);
    String window = periodKey + " (" + period.start(scheme) + ".." + period.end(scheme) + ")";
    if ("inside".equals(kind.periodRule()) && !period.contains(date, scheme)) {
      errors.add(error("DATE_OUTSIDE_PERIOD", column, date.toString(), window));
    } else if ("not_after".equals(kind.periodRule()) && date.isAfter(period.end(scheme))) {
      errors.add(error("DATE_AFTER_PERIOD", column, date.toString(), window));
    }
  }

  private void placeUnit(Row bronze, LocalDate date, Map<String, Object> values, List<Row> errors) {
    String reportingUnit = bronze.getAs(Lineage.REPORTING_UNIT);
    String code =
        VietnameseText.clean(LegacyVietnamese.repair(bronze.getAs(TableSchemas.COMMUNE_CODE)));
    String name =
        VietnameseText.clean(LegacyVietnamese.repair(bronze.getAs(TableSchemas.COMMUNE_NAME)));
    UnitResolution resolution;
    String column;
    String given;
    if (!VietnameseText.isBlank(code)) {
      resolution = units.resolveCode(code, date, reportingUnit);
      column = TableSchemas.COMMUNE_CODE;
      given = code;
    } else if (!VietnameseText.isBlank(name)) {
      resolution = units.resolveName(name, date, reportingUnit);
      column = TableSchemas.COMMUNE_NAME;
      given = name;
    } else {
      errors.add(error("MISSING_UNIT", TableSchemas.COMMUNE_NAME, null, null));
      return;
    }
    if (!resolution.isResolved()) {
      errors.add(error(resolution.problem(), column, given, resolution.detail()));
      return;
    }
    UnitVersion commune = resolution.unit();
    values.put(TableSchemas.COMMUNE_CODE, commune.code());
    values.put(TableSchemas.COMMUNE_NAME, commune.name());
    values.put(
        TableSchemas.DISTRICT_CODE,
        units.ancestor(commune.code(), "district", date).map(UnitVersion::code).orElse(null));
    values.put(
        TableSchemas.PROVINCE_CODE,
        units.ancestor(commune.code(), "province", date).map(UnitVersion::code).orElse(null));
  }

  private String raw(Row bronze) {
    Map<String, String> raw = new LinkedHashMap<>();
    for (ColumnSpec column : kind.columns()) {
      String value = bronze.getAs(column.name());
      if (value != null && column.type() != ColumnType.PERSONAL) {
        raw.put(column.name(), PersonalData.maskPhones(value));
      }
    }
    Map<String, String> extras = bronze.getJavaMap(bronze.fieldIndex(TableSchemas.EXTRA_COLUMNS));
    extras.forEach((header, value) -> raw.put(header, PersonalData.maskPhones(value)));
    try {
      return JSON.writeValueAsString(raw);
    } catch (JsonProcessingException e) {
      throw new IllegalStateException(e);
    }
  }

  /** One failed check, with its messages in both languages. */
  static Row error(String code, String column, String value, String detail) {
    Reasons reasons = Reasons.catalogue();
    return RowFactory.create(
        code,
        column,
        reasons.vietnamese(code, column, value, detail),
        reasons.english(code, column, value, detail));
  }
}
