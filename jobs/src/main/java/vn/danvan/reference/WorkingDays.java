package vn.danvan.reference;

import java.io.Serializable;
import java.sql.Date;
import java.time.DayOfWeek;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.RowFactory;
import org.apache.spark.sql.SparkSession;
import org.apache.spark.sql.types.DataTypes;
import org.apache.spark.sql.types.StructType;
import vn.danvan.text.CsvTable;

/**
 * The working-day calendar of state offices: Monday to Friday, public holidays (Tết included, from
 * {@code holidays.csv}) excepted. Petition deadlines are counted in these days.
 */
public final class WorkingDays implements Serializable {

  private static final long serialVersionUID = 1L;

  private static final StructType FRAME =
      DataTypes.createStructType(
          List.of(
              DataTypes.createStructField("day", DataTypes.DateType, false),
              DataTypes.createStructField("workday_index", DataTypes.IntegerType, false),
              DataTypes.createStructField("is_working_day", DataTypes.BooleanType, false)));

  private final Set<LocalDate> holidays;

  /** A calendar with {@code holidays} off. */
  public WorkingDays(Set<LocalDate> holidays) {
    this.holidays = Set.copyOf(holidays);
  }

  /** The calendar of {@code holidays.csv} (column {@code date}). */
  public static WorkingDays from(CsvTable table) {
    Set<LocalDate> days = new HashSet<>();
    for (Map<String, String> row : table.rows()) {
      days.add(LocalDate.parse(row.get("date")));
    }
    return new WorkingDays(days);
  }

  /** True when offices work on {@code day}. */
  public boolean isWorkingDay(LocalDate day) {
    DayOfWeek d = day.getDayOfWeek();
    return d != DayOfWeek.SATURDAY && d != DayOfWeek.SUNDAY && !holidays.contains(day);
  }

  /**
   * Every day from {@code first} to {@code last} with the number of working days up to and
   * including it ({@code workday_index}) and whether it is one ({@code is_working_day}): a deadline
   * N working days after a date is the first working day whose index is the date's plus N.
   */
  public Dataset<Row> frame(SparkSession spark, LocalDate first, LocalDate last) {
    List<Row> rows = new ArrayList<>();
    int index = 0;
    for (LocalDate day = first; !day.isAfter(last); day = day.plusDays(1)) {
      boolean working = isWorkingDay(day);
      index += working ? 1 : 0;
      rows.add(RowFactory.create(Date.valueOf(day), index, working));
    }
    return spark.createDataFrame(rows, FRAME);
  }

  /** The day {@code n} working days after {@code start} (the start day itself not counted). */
  public LocalDate deadline(LocalDate start, int n) {
    LocalDate day = start;
    int counted = 0;
    while (counted < n) {
      day = day.plusDays(1);
      if (isWorkingDay(day)) {
        counted++;
      }
    }
    return day;
  }
}
