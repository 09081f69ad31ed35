package vn.danvan.reference;

import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.Serializable;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.time.LocalDate;
import java.util.Locale;
import java.util.Properties;
import vn.danvan.errors.DanvanException;
import vn.danvan.period.PeriodScheme;

/**
 * The province's configuration, from {@code settings.properties} in the reference folder; a key
 * left out takes the default written in {@code default-settings.properties} in the jar.
 *
 * @param periodScheme calendar windows, or the reporting regime's 15th → 14th windows
 * @param petitionDeadlineWorkingDays working days a petition may take to be resolved
 * @param minDenominator below this denominator a value is flagged insufficient and not ranked
 * @param restateOn the date whose units the {@code restated} basis maps figures onto (null: today)
 * @param keepPersonalData keep petitioners' names in bronze instead of their hashes
 * @param sheetName the worksheet to read in workbooks (blank: the first)
 * @param firstYear the first year figures are computed for
 * @param reportDeadlineWorkingDays working days after a period's end a submission may arrive on
 *     time
 * @param outlierZThreshold the modified z-score beyond which a unit is an outlier
 * @param outlierMinUnits the fewest comparable units an outlier needs
 * @param outlierMinCount a count (an indicator without denominator) below this is not tested
 * @param yoyRatioHigh a year above this multiple of the mean of the three before it is flagged
 * @param yoyRatioLow a year below this multiple of the mean of the three before it is flagged
 * @param landingSettleSeconds a landing file younger than this is looked at again after a pause
 * @param landingDoneMarker read a landing file only once its {@code .done} marker exists
 * @param timeTravelDays how far back time travel must reach
 */
public record Settings(
    PeriodScheme periodScheme,
    int petitionDeadlineWorkingDays,
    int minDenominator,
    LocalDate restateOn,
    boolean keepPersonalData,
    String sheetName,
    int firstYear,
    int reportDeadlineWorkingDays,
    double outlierZThreshold,
    int outlierMinUnits,
    int outlierMinCount,
    double yoyRatioHigh,
    double yoyRatioLow,
    int landingSettleSeconds,
    boolean landingDoneMarker,
    int timeTravelDays)
    implements Serializable {

  /** The defaults shipped in the jar, overridden by {@code overrides} (may be null). */
  public static Settings load(String source, InputStream overrides) {
    Properties p = new Properties();
    read(p, Settings.class.getResourceAsStream("default-settings.properties"));
    if (overrides != null) {
      read(p, overrides);
    }
    try {
      String restate = p.getProperty("restate_on", "").strip();
      return new Settings(
          PeriodScheme.valueOf(p.getProperty("period_scheme").strip().toUpperCase(Locale.ROOT)),
          Integer.parseInt(p.getProperty("petition_deadline_working_days").strip()),
          Integer.parseInt(p.getProperty("min_denominator").strip()),
          restate.isEmpty() ? null : LocalDate.parse(restate),
          Boolean.parseBoolean(p.getProperty("keep_personal_data").strip()),
          p.getProperty("sheet_name", "").strip().isEmpty()
              ? null
              : p.getProperty("sheet_name").strip(),
          Integer.parseInt(p.getProperty("first_year").strip()),
          Integer.parseInt(p.getProperty("report_deadline_working_days").strip()),
          Double.parseDouble(p.getProperty("outlier_z_threshold").strip()),
          Integer.parseInt(p.getProperty("outlier_min_units").strip()),
          Integer.parseInt(p.getProperty("outlier_min_count").strip()),
          Double.parseDouble(p.getProperty("yoy_ratio_high").strip()),
          Double.parseDouble(p.getProperty("yoy_ratio_low").strip()),
          Integer.parseInt(p.getProperty("landing_settle_seconds").strip()),
          Boolean.parseBoolean(p.getProperty("landing_done_marker").strip()),
          Integer.parseInt(p.getProperty("time_travel_days").strip()));
    } catch (RuntimeException e) {
      throw new DanvanException(
          source + ": a setting has a value that cannot be read (" + e.getMessage() + ")", e);
    }
  }

  private static void read(Properties p, InputStream in) {
    try (InputStreamReader reader = new InputStreamReader(in, StandardCharsets.UTF_8)) {
      p.load(reader);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }
}
