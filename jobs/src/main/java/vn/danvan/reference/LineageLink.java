package vn.danvan.reference;

import java.io.Serializable;
import java.time.LocalDate;

/**
 * One row of {@code unit_lineage.csv}: from {@code effectiveOn}, the share {@code weight} of unit
 * {@code fromCode} belongs to unit {@code toCode} (1 for a merger, the parts of a split sum to 1).
 *
 * @param fromCode the unit that closes or gives up territory
 * @param toCode the unit that takes it over
 * @param effectiveOn the first day the successor holds it
 * @param weight the share carried over, in (0, 1]
 */
public record LineageLink(String fromCode, String toCode, LocalDate effectiveOn, double weight)
    implements Serializable {}
