package vn.danvan.reference;

import java.io.Serializable;
import java.time.LocalDate;

/**
 * One row of {@code units.csv}: an administrative unit as it was between two dates. A unit whose
 * name, parent or ethnic-minority region changes has one row per state, all with the same code.
 *
 * @param code the unit's code
 * @param name the official name
 * @param level province, district or commune
 * @param parentCode the code of the unit it belongs to, null for a province
 * @param validFrom first day of this state
 * @param validTo last day of this state, {@link LocalDate#MAX} while it lasts
 * @param emRegion ethnic-minority area region (I, II, III), null when not in the area
 * @param population inhabitants, null when unknown
 * @param emPopulation ethnic-minority inhabitants, null when unknown
 */
public record UnitVersion(
    String code,
    String name,
    String level,
    String parentCode,
    LocalDate validFrom,
    LocalDate validTo,
    String emRegion,
    Long population,
    Long emPopulation)
    implements Serializable {

  /** True when this state holds on {@code date}. */
  public boolean validOn(LocalDate date) {
    return !date.isBefore(validFrom) && !date.isAfter(validTo);
  }

  /** True when the unit lies in the ethnic-minority area in this state. */
  public boolean isEthnicMinorityArea() {
    return emRegion != null;
  }
}
