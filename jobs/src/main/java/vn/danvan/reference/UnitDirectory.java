package vn.danvan.reference;

import java.io.Serializable;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Comparator;
import java.util.HashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.SortedSet;
import java.util.TreeSet;
import java.util.regex.Pattern;
import java.util.stream.Collectors;
import vn.danvan.text.VietnameseText;

/**
 * The administrative map in time: finds the unit a record names (by code, or by name among the
 * reporting unit's communes valid on the record's date), and walks parents as they were on a date.
 * Small enough to ship to every executor.
 */
public final class UnitDirectory implements Serializable {

  /** The level of the units records name. */
  public static final String COMMUNE = "commune";

  /** The top level of the map. */
  public static final String PROVINCE = "province";

  private static final long serialVersionUID = 1L;

  /**
   * The most levels the walks up a unit's ancestry take: a guard against a parent cycle in
   * hand-edited reference data (a province's map has three).
   */
  private static final int MAX_LEVELS = 10;

  private static final Pattern TYPE_PREFIX =
      Pattern.compile("^(xa|phuong|thi tran|tt|thi xa|tx|thanh pho|tp|huyen|tinh|dac khu)\\s+");

  private static final Pattern TYPE_PREFIX_ACCENTED =
      Pattern.compile("^(xã|phường|thị trấn|tt|thị xã|tx|thành phố|tp|huyện|tỉnh|đặc khu)\\s+");
  // Compiled once: every record naming its commune is looked up through it.
  private static final Pattern NOT_LETTERS_OR_DIGITS = Pattern.compile("[^\\p{L}\\p{N}]+");

  private final Map<String, List<UnitVersion>> byCode;
  private final Map<String, List<LineageLink>> successors;
  private final Map<String, Set<String>> codesByExactName;
  private final Map<String, Set<String>> codesByFoldedName;

  /**
   * A directory of {@code units}, {@code lineage} and extra names ({@code aliases}, code → names).
   */
  public UnitDirectory(
      Collection<UnitVersion> units,
      Collection<LineageLink> lineage,
      Map<String, List<String>> aliases) {
    this.byCode = new HashMap<>();
    this.successors = new HashMap<>();
    this.codesByExactName = new HashMap<>();
    this.codesByFoldedName = new HashMap<>();
    for (UnitVersion u : units) {
      byCode.computeIfAbsent(u.code(), c -> new ArrayList<>()).add(u);
      index(u.code(), u.name());
    }
    byCode.values().forEach(v -> v.sort(Comparator.comparing(UnitVersion::validFrom)));
    aliases.forEach((code, names) -> names.forEach(n -> index(code, n)));
    for (LineageLink link : lineage) {
      successors.computeIfAbsent(link.fromCode(), c -> new ArrayList<>()).add(link);
    }
  }

  /** Every state of every unit. */
  public List<UnitVersion> versions() {
    return byCode.values().stream().flatMap(List::stream).toList();
  }

  /** The codes of every unit that was ever at {@code level}, in order. */
  public SortedSet<String> codesAt(String level) {
    return versions().stream()
        .filter(v -> level.equals(v.level()))
        .map(UnitVersion::code)
        .collect(Collectors.toCollection(TreeSet::new));
  }

  /** The state of unit {@code code} on {@code date}, if it existed then. */
  public Optional<UnitVersion> on(String code, LocalDate date) {
    return byCode.getOrDefault(code, List.of()).stream().filter(u -> u.validOn(date)).findFirst();
  }

  /** True when a unit with {@code code} exists at any date. */
  public boolean knows(String code) {
    return byCode.containsKey(code);
  }

  /** The unit at {@code level} that contained {@code code} on {@code date} (itself included). */
  public Optional<UnitVersion> ancestor(String code, String level, LocalDate date) {
    Optional<UnitVersion> current = on(code, date);
    int guard = 0;
    while (current.isPresent() && guard++ < MAX_LEVELS) {
      UnitVersion u = current.get();
      if (u.level().equals(level)) {
        return current;
      }
      current = u.parentCode() == null ? Optional.empty() : on(u.parentCode(), date);
    }
    return Optional.empty();
  }

  /**
   * The days inside {@code unit}'s state on which what contains it may change: the first day of a
   * state of its parent, of the parent's parent and so on, and the day after one ends. A district
   * moved to another province gives its communes such a day though their own rows stay the same.
   */
  public SortedSet<LocalDate> ancestryChanges(UnitVersion unit) {
    SortedSet<LocalDate> days = new TreeSet<>();
    addAncestryChanges(unit, unit.validFrom(), unit.validTo(), days, 0);
    return days;
  }

  private void addAncestryChanges(
      UnitVersion unit, LocalDate from, LocalDate to, SortedSet<LocalDate> days, int depth) {
    if (unit.parentCode() == null || depth >= MAX_LEVELS) {
      return;
    }
    for (UnitVersion parent : byCode.getOrDefault(unit.parentCode(), List.of())) {
      LocalDate start = parent.validFrom().isAfter(from) ? parent.validFrom() : from;
      LocalDate end = parent.validTo().isBefore(to) ? parent.validTo() : to;
      if (start.isAfter(end)) {
        continue;
      }
      if (start.isAfter(from)) {
        days.add(start);
      }
      if (end.isBefore(to)) {
        days.add(end.plusDays(1));
      }
      addAncestryChanges(parent, start, end, days, depth + 1);
    }
  }

  /** True when {@code code} is {@code ancestorCode} or lay inside it on {@code date}. */
  public boolean isWithin(String code, String ancestorCode, LocalDate date) {
    Optional<UnitVersion> current = on(code, date);
    int guard = 0;
    while (current.isPresent() && guard++ < MAX_LEVELS) {
      if (current.get().code().equals(ancestorCode)) {
        return true;
      }
      String parent = current.get().parentCode();
      current = parent == null ? Optional.empty() : on(parent, date);
    }
    return false;
  }

  /** Resolves a commune given by code in a file of {@code reportingUnit}. */
  public UnitResolution resolveCode(String code, LocalDate date, String reportingUnit) {
    String clean = VietnameseText.clean(code);
    if (!knows(clean)) {
      return UnitResolution.failed("UNKNOWN_UNIT", "(" + reportingUnit + ")");
    }
    if (byCode.get(clean).stream().noneMatch(u -> COMMUNE.equals(u.level()))) {
      return UnitResolution.failed(
          "UNKNOWN_UNIT", "(" + clean + " is not a commune / không phải cấp xã)");
    }
    return placeOnDate(Set.of(clean), date, reportingUnit);
  }

  /**
   * Resolves a commune given by name: spelling as written first, then without accents; among the
   * units valid on {@code date} inside {@code reportingUnit} first; a unit closed by a merger
   * resolves to the single unit that took it over.
   */
  public UnitResolution resolveName(String name, LocalDate date, String reportingUnit) {
    Set<String> codes = codesByExactName.getOrDefault(exactKey(name), Set.of());
    if (codes.isEmpty()) {
      codes = codesByFoldedName.getOrDefault(foldedKey(name), Set.of());
    }
    if (codes.isEmpty()) {
      return UnitResolution.failed("UNKNOWN_UNIT", unknownDetail(name, date, reportingUnit));
    }
    return placeOnDate(codes, date, reportingUnit);
  }

  private UnitResolution placeOnDate(Set<String> codes, LocalDate date, String reportingUnit) {
    List<UnitVersion> valid =
        codes.stream()
            .map(c -> on(c, date))
            .flatMap(Optional::stream)
            .filter(u -> COMMUNE.equals(u.level()))
            .toList();
    List<UnitVersion> inside =
        valid.stream().filter(u -> isWithin(u.code(), reportingUnit, date)).toList();
    if (inside.size() == 1) {
      return UnitResolution.found(inside.get(0));
    }
    if (inside.size() > 1) {
      return UnitResolution.failed("AMBIGUOUS_UNIT", describe(inside, date));
    }
    if (!valid.isEmpty()) {
      return UnitResolution.failed(
          "UNIT_OUTSIDE_REPORTING_UNIT", reportingUnit + "; " + describe(valid, date));
    }
    Set<String> heirs = new LinkedHashSet<>();
    codes.forEach(c -> heirs.addAll(wholeSuccessors(c, date)));
    List<UnitVersion> heirsInside =
        heirs.stream()
            .map(c -> on(c, date))
            .flatMap(Optional::stream)
            .filter(u -> isWithin(u.code(), reportingUnit, date))
            .toList();
    if (heirsInside.size() == 1) {
      return UnitResolution.found(heirsInside.get(0));
    }
    String validity =
        codes.stream()
            .flatMap(c -> byCode.get(c).stream())
            .map(
                u ->
                    u.code()
                        + " "
                        + u.validFrom()
                        + ".."
                        + (u.validTo().equals(LocalDate.MAX) ? "" : u.validTo()))
            .collect(Collectors.joining(", "));
    return UnitResolution.failed("UNIT_NOT_VALID_ON_DATE", date + " (" + validity + ")");
  }

  /** Units that took over all of {@code code} by {@code date}, following mergers of weight 1. */
  private Set<String> wholeSuccessors(String code, LocalDate date) {
    Set<String> result = new LinkedHashSet<>();
    String current = code;
    for (int guard = 0; guard < 10; guard++) {
      List<LineageLink> links = successors.getOrDefault(current, List.of());
      if (links.size() != 1
          || links.get(0).weight() < 1.0
          || links.get(0).effectiveOn().isAfter(date)) {
        break;
      }
      current = links.get(0).toCode();
      result.add(current);
    }
    return result;
  }

  private String unknownDetail(String name, LocalDate date, String reportingUnit) {
    String folded = foldedKey(name);
    List<UnitVersion> close =
        versions().stream()
            .filter(u -> u.validOn(date) && COMMUNE.equals(u.level()))
            .filter(u -> isWithin(u.code(), reportingUnit, date))
            .filter(u -> editDistance(foldedKey(u.name()), folded) <= 2)
            .toList();
    String where = "(" + reportingUnit + ", " + date + ")";
    return close.isEmpty() ? where : where + "; did you mean / có phải: " + describe(close, date);
  }

  private static String describe(List<UnitVersion> units, LocalDate date) {
    return units.stream()
        .map(u -> u.name() + " [" + u.code() + ", " + u.parentCode() + "]")
        .distinct()
        .sorted()
        .collect(Collectors.joining(", "));
  }

  private void index(String code, String name) {
    codesByExactName.computeIfAbsent(exactKey(name), k -> new LinkedHashSet<>()).add(code);
    codesByFoldedName.computeIfAbsent(foldedKey(name), k -> new LinkedHashSet<>()).add(code);
  }

  /** A name as written, without case, spacing or its type word ("Thị trấn", "TT", "xã"). */
  static String exactKey(String name) {
    String words =
        NOT_LETTERS_OR_DIGITS
            .matcher(VietnameseText.clean(name).toLowerCase(Locale.ROOT))
            .replaceAll(" ")
            .strip();
    return TYPE_PREFIX_ACCENTED.matcher(words).replaceFirst("");
  }

  /** A name without accents, case, spacing or its type word: "TT Phố Ràng" → "pho rang". */
  static String foldedKey(String name) {
    return TYPE_PREFIX.matcher(VietnameseText.key(name)).replaceFirst("");
  }

  private static int editDistance(String a, String b) {
    int[] previous = new int[b.length() + 1];
    int[] current = new int[b.length() + 1];
    for (int j = 0; j <= b.length(); j++) {
      previous[j] = j;
    }
    for (int i = 1; i <= a.length(); i++) {
      current[0] = i;
      for (int j = 1; j <= b.length(); j++) {
        int cost = a.charAt(i - 1) == b.charAt(j - 1) ? 0 : 1;
        current[j] =
            Math.min(Math.min(current[j - 1] + 1, previous[j] + 1), previous[j - 1] + cost);
      }
      int[] swap = previous;
      previous = current;
      current = swap;
    }
    return previous[b.length()];
  }
}
