package vn.danvan.reference;

import java.io.Serializable;

/**
 * The unit a record names, or why it cannot be placed.
 *
 * @param unit the unit's state on the record's date, null when unresolved
 * @param problem a reason code when unresolved, else null
 * @param detail what the reason's message needs (candidates, dates)
 */
public record UnitResolution(UnitVersion unit, String problem, String detail)
    implements Serializable {

  static UnitResolution found(UnitVersion unit) {
    return new UnitResolution(unit, null, null);
  }

  static UnitResolution failed(String problem, String detail) {
    return new UnitResolution(null, problem, detail);
  }

  /** True when the record's unit was found. */
  public boolean isResolved() {
    return unit != null;
  }
}
