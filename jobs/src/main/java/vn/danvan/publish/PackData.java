package vn.danvan.publish;

import java.util.List;
import vn.danvan.period.Period;

/**
 * Everything a review pack shows for one province and period, read from gold once: charts and
 * documents are drawn from these small records, never from a Spark frame.
 *
 * @param period the period reviewed
 * @param basis {@code as_reported}, or {@code restated} when the province changed during the period
 * @param provinceCode the province
 * @param provinceName its name
 * @param unitLevel the units compared: {@code district}, or {@code commune} where districts are
 *     gone
 * @param unitOrder the units' codes in a fixed order: a unit's colour is its place in it
 * @param indicators the province's value of every indicator
 * @param league the units compared on satisfaction
 * @param trend satisfaction per unit and per period up to this one, the province's included
 * @param satisfactionTarget the satisfaction target, null when none
 * @param funnel satisfied and returned ballots per unit
 * @param outreach ethnic-minority outreach per unit
 * @param models models by field, holder type and state at the period's end
 * @param outliers values flagged for review
 */
public record PackData(
    Period period,
    String basis,
    String provinceCode,
    String provinceName,
    String unitLevel,
    List<String> unitOrder,
    List<IndicatorRow> indicators,
    List<LeagueRow> league,
    List<TrendPoint> trend,
    Double satisfactionTarget,
    List<FunnelPoint> funnel,
    List<OutreachRow> outreach,
    List<ModelCount> models,
    List<OutlierRow> outliers) {

  /** The colour index of {@code unitCode}: its place in the fixed order. */
  public int colourOf(String unitCode) {
    return Math.max(0, unitOrder.indexOf(unitCode));
  }

  /** The province's value of {@code indicatorId}, if computed. */
  public IndicatorRow indicator(String indicatorId) {
    return indicators.stream().filter(i -> i.id().equals(indicatorId)).findFirst().orElse(null);
  }

  /**
   * One indicator of the province: {@code unit} as the catalogue names it (how its values are
   * written), {@code unitLabel} in the pack's language.
   */
  public record IndicatorRow(
      String id,
      String name,
      String unit,
      String unitLabel,
      Double numerator,
      Double denominator,
      Double value,
      Double ciLow,
      Double ciHigh,
      Double target,
      String status) {}

  /** One unit in the satisfaction league. */
  public record LeagueRow(
      String unitCode,
      String unitName,
      Double value,
      Double ciLow,
      Double ciHigh,
      Double denominator,
      Integer rank,
      Integer quartile,
      boolean small,
      String vsProvince,
      Double changeVsYearEarlier) {}

  /** One point of a trend line; {@code province} marks the province's own line. */
  public record TrendPoint(
      String unitCode, String unitName, boolean province, String periodKey, Double value) {}

  /** One unit's ballots. */
  public record FunnelPoint(String unitCode, String unitName, double satisfied, double returned) {}

  /** One unit's ethnic-minority outreach. */
  public record OutreachRow(String unitCode, String unitName, Double perArea, Double per1000) {}

  /** How many models of a field and holder type were in a state at the period's end. */
  public record ModelCount(String field, boolean collective, boolean recognised, long count) {}

  /**
   * A value flagged in gold.outliers, with the indicator's name and unit in the pack's language.
   *
   * @param reference what the value was compared with: its peers' median, or the mean of the three
   *     years before
   */
  public record OutlierRow(
      String indicatorId,
      String indicatorName,
      String unit,
      String unitLabel,
      String unitName,
      String method,
      Double value,
      Double reference,
      Double score) {}
}
