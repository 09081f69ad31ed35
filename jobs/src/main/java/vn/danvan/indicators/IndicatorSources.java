package vn.danvan.indicators;

import static org.apache.spark.sql.functions.col;

import java.util.List;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import vn.danvan.errors.DanvanException;
import vn.danvan.period.Period;
import vn.danvan.period.PeriodColumns;
import vn.danvan.period.PeriodScheme;
import vn.danvan.schema.Lineage;
import vn.danvan.schema.RecordKinds;
import vn.danvan.schema.TableSchemas;

/**
 * The records an indicator's source names, placed in commune and periods: a record kind's silver
 * rows by their date, with whether their commune lay in the ethnic-minority area on that date.
 */
public final class IndicatorSources {

  private IndicatorSources() {}

  /**
   * The records of {@code source} from {@code silver} (the kind's silver table as read), each once
   * per period it falls in.
   */
  public static Dataset<Row> records(
      String source,
      Dataset<Row> silver,
      Dataset<Row> communeVersions,
      PeriodScheme scheme,
      List<Period> phases) {
    if (RecordKinds.find(source).isEmpty()) {
      throw new DanvanException(
          "indicators.csv names source '"
              + source
              + "'; known sources: "
              + String.join(", ", RecordKinds.names()));
    }
    Dataset<Row> placed =
        silver
            .filter(col(TableSchemas.RECORD_DATE).isNotNull())
            .filter(col(TableSchemas.COMMUNE_CODE).isNotNull())
            .drop(
                Lineage.PERIOD_KEY,
                TableSchemas.COMMUNE_NAME,
                TableSchemas.DISTRICT_CODE,
                TableSchemas.PROVINCE_CODE);
    Dataset<Row> withArea = UnitGrid.withEmArea(placed, communeVersions);
    return PeriodColumns.withPeriods(withArea, TableSchemas.RECORD_DATE, scheme, phases);
  }
}
