package vn.danvan.indicators;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.sql.Date;
import java.sql.Timestamp;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;
import org.apache.commons.codec.digest.DigestUtils;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.RowFactory;
import org.apache.spark.sql.SparkSession;
import org.apache.spark.sql.types.DataTypes;
import org.apache.spark.sql.types.StructType;
import vn.danvan.job.JobContext;
import vn.danvan.ops.FileLedger;
import vn.danvan.ops.Ledger;
import vn.danvan.ops.LedgerEntry;
import vn.danvan.period.Period;
import vn.danvan.period.PeriodScheme;
import vn.danvan.period.PeriodType;
import vn.danvan.reference.Settings;
import vn.danvan.reference.UnitDirectory;
import vn.danvan.reference.UnitVersion;
import vn.danvan.reference.WorkingDays;
import vn.danvan.schema.RecordKind;
import vn.danvan.schema.RecordKinds;
import vn.danvan.text.CsvTable;
import vn.danvan.text.VietnameseDates;
import vn.danvan.warehouse.TableName;

/**
 * {@code gold.reporting_rates}: for every kind, reporting unit and period of the kind's cadence
 * that has ended, whether a readable submission was received, and whether it arrived within the
 * deadline (the period's end plus N working days). The units expected to report are the province's
 * direct children valid at the period's end: districts until 30/06/2025, communes after.
 */
public final class ReportingRates {

  /** The arrival register under the landing root: when each file was received. */
  public static final String ARRIVALS = "_arrivals.csv";

  public static final StructType SCHEMA =
      DataTypes.createStructType(
          List.of(
              DataTypes.createStructField("kind", DataTypes.StringType, false),
              DataTypes.createStructField("unit_code", DataTypes.StringType, false),
              DataTypes.createStructField("unit_name", DataTypes.StringType, false),
              DataTypes.createStructField("unit_level", DataTypes.StringType, false),
              DataTypes.createStructField("province_code", DataTypes.StringType, false),
              DataTypes.createStructField("period_type", DataTypes.StringType, false),
              DataTypes.createStructField("period_key", DataTypes.StringType, false),
              DataTypes.createStructField("period_start", DataTypes.DateType, false),
              DataTypes.createStructField("period_end", DataTypes.DateType, false),
              DataTypes.createStructField("deadline", DataTypes.DateType, false),
              DataTypes.createStructField("expected", DataTypes.IntegerType, false),
              DataTypes.createStructField("received", DataTypes.IntegerType, false),
              DataTypes.createStructField("on_time", DataTypes.IntegerType, false),
              DataTypes.createStructField("first_arrival", DataTypes.DateType, true)));

  private ReportingRates() {}

  /** One row per kind, expected reporting unit and ended period of the kind's cadence. */
  public static List<Row> rows(
      List<LedgerEntry> ledger,
      Map<String, LocalDate> arrivals,
      UnitDirectory units,
      WorkingDays workingDays,
      PeriodScheme scheme,
      int deadlineDays,
      LocalDate today) {
    List<Row> rows = new ArrayList<>();
    // Kinds of the same cadence end their periods on the same days.
    Map<LocalDate, List<UnitVersion>> reportersOn = new HashMap<>();
    for (RecordKind kind : RecordKinds.all()) {
      Map<String, LocalDate> arrived = firstArrivals(ledger, arrivals, kind);
      Optional<Period> first =
          arrived.keySet().stream()
              .map(k -> Period.of(k.substring(k.indexOf('@') + 1)))
              .min(Comparator.comparing(Period::calendarStart));
      if (first.isEmpty()) {
        continue;
      }
      PeriodType cadence = PeriodType.fromLabel(kind.cadence());
      for (Period p = first.get(); !p.end(scheme).isAfter(today); p = next(p, cadence)) {
        LocalDate end = p.end(scheme);
        LocalDate deadline = workingDays.deadline(end, deadlineDays);
        for (UnitVersion reporter : reportersOn.computeIfAbsent(end, d -> reporters(units, d))) {
          LocalDate arrival = arrived.get(reporter.code() + "@" + p.key());
          boolean onTime = arrival != null && !arrival.isAfter(deadline);
          rows.add(
              RowFactory.create(
                  kind.name(),
                  reporter.code(),
                  reporter.name(),
                  reporter.level(),
                  reporter.parentCode(),
                  cadence.label(),
                  p.key(),
                  Date.valueOf(p.start(scheme)),
                  Date.valueOf(end),
                  Date.valueOf(deadline),
                  1,
                  arrival == null ? 0 : 1,
                  onTime ? 1 : 0,
                  arrival == null ? null : Date.valueOf(arrival)));
        }
      }
    }
    return rows;
  }

  /** The rows of {@code ledger}'s submissions, with {@code ctx}'s reference, settings and date. */
  static List<Row> rows(JobContext ctx, List<LedgerEntry> ledger, Map<String, LocalDate> arrivals) {
    Settings settings = ctx.reference().settings();
    return rows(
        ledger,
        arrivals,
        ctx.reference().units(),
        ctx.reference().workingDays(),
        settings.periodScheme(),
        settings.reportDeadlineWorkingDays(),
        ctx.today());
  }

  /** The reporting rates of {@code ctx}'s snapshot: its ledger as it was, or as it is. */
  static Dataset<Row> of(JobContext ctx) {
    List<LedgerEntry> ledger =
        ctx.snapshot().isPast()
            ? Ledger.of(ctx.snapshot().read(TableName.FILES, FileLedger.SCHEMA)).entries()
            : ctx.ledger().current().entries();
    return frame(ctx.spark(), rows(ctx, ledger, arrivals(ctx)));
  }

  /** The rows as {@code gold.reporting_rates}. */
  public static Dataset<Row> frame(SparkSession spark, List<Row> rows) {
    return spark.createDataFrame(rows, SCHEMA);
  }

  /** The arrival register ({@code source_file}, {@code received_on}) under the landing root. */
  public static Map<String, LocalDate> arrivals(JobContext ctx) {
    String location = ctx.landing() + "/" + ARRIVALS;
    Map<String, LocalDate> arrivals = new HashMap<>();
    if (!ctx.storage().exists(location)) {
      return arrivals;
    }
    try (InputStream in = ctx.storage().open(location)) {
      for (Map<String, String> r : CsvTable.read(location, in).rows()) {
        LocalDate day = VietnameseDates.parse(r.get("received_on")).value();
        if (day != null && r.get("source_file") != null) {
          arrivals.put(r.get("source_file"), day);
        }
      }
    } catch (IOException e) {
      throw new UncheckedIOException("Cannot read " + location, e);
    }
    return arrivals;
  }

  /**
   * A digest of the register's dates, noted with gold: rates computed from another register are
   * recomputed where they differ, though no file changed.
   */
  public static String digest(Map<String, LocalDate> arrivals) {
    StringBuilder text = new StringBuilder();
    new TreeMap<>(arrivals)
        .forEach((file, day) -> text.append(file).append('\t').append(day).append('\n'));
    return DigestUtils.sha256Hex(text.toString());
  }

  /** When each submission of {@code kind} first arrived: the register's date, else first seen. */
  private static Map<String, LocalDate> firstArrivals(
      List<LedgerEntry> ledger, Map<String, LocalDate> arrivals, RecordKind kind) {
    Map<String, LocalDate> first = new HashMap<>();
    for (LedgerEntry e : ledger) {
      boolean readable =
          FileLedger.CURRENT.equals(e.status())
              || FileLedger.SUPERSEDED.equals(e.status())
              || FileLedger.INGESTED.equals(e.status());
      if (!readable || !kind.name().equals(e.kind())) {
        continue;
      }
      LocalDate arrival = arrivals.getOrDefault(e.sourceFile(), seenOn(e.firstSeenAt()));
      first.merge(
          e.reportingUnit() + "@" + e.periodKey(), arrival, (a, b) -> a.isBefore(b) ? a : b);
    }
    return first;
  }

  private static LocalDate seenOn(Timestamp t) {
    return t.toInstant().atZone(JobContext.VIETNAM).toLocalDate();
  }

  /** The units that report on {@code day}: the direct children of the provinces then valid. */
  private static List<UnitVersion> reporters(UnitDirectory units, LocalDate day) {
    return units.versions().stream()
        .filter(u -> u.validOn(day) && u.parentCode() != null)
        .filter(
            u -> units.on(u.parentCode(), day).map(p -> p.level().equals("province")).orElse(false))
        .sorted(Comparator.comparing(UnitVersion::code))
        .toList();
  }

  private static Period next(Period p, PeriodType cadence) {
    LocalDate start = p.calendarEnd().plusDays(1);
    return switch (cadence) {
      case MONTH -> Period.month(start.getYear(), start.getMonthValue());
      case QUARTER -> Period.quarter(start.getYear(), (start.getMonthValue() + 2) / 3);
      case HALF -> Period.half(start.getYear(), (start.getMonthValue() + 5) / 6);
      default -> Period.year(start.getYear());
    };
  }
}
