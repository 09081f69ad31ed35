package vn.danvan.reference;

import java.time.LocalDate;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import vn.danvan.errors.DanvanException;

/**
 * Checks that the map of units and its lineage make sense before any figure is computed from them:
 * states of a unit do not overlap, a unit's parent exists for as long as the unit does, every unit
 * that closes hands its territory on, the parts of a split sum to 1, and the lineage has no cycle.
 */
public final class ReferenceValidation {

  private static final double TOLERANCE = 1e-9;
  private static final Set<String> LEVELS = Set.of("province", "district", "commune");
  private static final Set<String> REGIONS = Set.of("I", "II", "III");

  private ReferenceValidation() {}

  /** Every problem found, one message each; empty when the reference data is sound. */
  public static List<String> problems(List<UnitVersion> units, List<LineageLink> lineage) {
    List<String> problems = new ArrayList<>();
    Map<String, List<UnitVersion>> byCode = new TreeMap<>();
    for (UnitVersion u : units) {
      byCode.computeIfAbsent(u.code(), c -> new ArrayList<>()).add(u);
      if (!LEVELS.contains(u.level())) {
        problems.add(
            "units.csv: "
                + u.code()
                + " has level '"
                + u.level()
                + "' (province, district or commune)");
      }
      if (u.emRegion() != null && !REGIONS.contains(u.emRegion())) {
        problems.add(
            "units.csv: "
                + u.code()
                + " has em_region '"
                + u.emRegion()
                + "' (I, II, III or blank)");
      }
      if (u.validTo().isBefore(u.validFrom())) {
        problems.add(
            "units.csv: "
                + u.code()
                + " closes ("
                + u.validTo()
                + ") before it opens ("
                + u.validFrom()
                + ")");
      }
    }
    for (List<UnitVersion> states : byCode.values()) {
      states.sort(Comparator.comparing(UnitVersion::validFrom));
      for (int i = 1; i < states.size(); i++) {
        if (!states.get(i).validFrom().isAfter(states.get(i - 1).validTo())) {
          problems.add(
              "units.csv: two states of "
                  + states.get(i).code()
                  + " overlap on "
                  + states.get(i).validFrom());
        }
      }
    }
    UnitDirectory directory = new UnitDirectory(units, List.of(), Map.of());
    for (UnitVersion u : units) {
      checkParent(u, directory, problems);
    }
    checkLineage(byCode, lineage, problems);
    return problems;
  }

  /** Fails with every problem when the reference data is not sound. */
  public static void check(List<UnitVersion> units, List<LineageLink> lineage) {
    List<String> problems = problems(units, lineage);
    if (!problems.isEmpty()) {
      throw new DanvanException(
          "The reference data is inconsistent ("
              + problems.size()
              + " problem(s)); fix data/reference and run again: "
              + String.join("; ", problems.subList(0, Math.min(5, problems.size())))
              + (problems.size() > 5 ? "; …" : ""));
    }
  }

  private static void checkParent(UnitVersion u, UnitDirectory directory, List<String> problems) {
    if (u.parentCode() == null) {
      if (!"province".equals(u.level())) {
        problems.add("units.csv: " + u.code() + " (" + u.level() + ") has no parent_code");
      }
      return;
    }
    // Walk the state's days from its first; each step jumps to the end of the parent's state.
    LocalDate day = u.validFrom();
    while (!day.isAfter(u.validTo())) {
      java.util.Optional<UnitVersion> parent = directory.on(u.parentCode(), day);
      if (parent.isEmpty()) {
        problems.add(
            "units.csv: the parent "
                + u.parentCode()
                + " of "
                + u.code()
                + " does not exist on "
                + day);
        return;
      }
      if (parent.get().validTo().equals(LocalDate.MAX)) {
        return;
      }
      day = parent.get().validTo().plusDays(1);
    }
  }

  private static void checkLineage(
      Map<String, List<UnitVersion>> byCode, List<LineageLink> lineage, List<String> problems) {
    Map<String, List<LineageLink>> from = new HashMap<>();
    for (LineageLink link : lineage) {
      if (!byCode.containsKey(link.fromCode()) || !byCode.containsKey(link.toCode())) {
        problems.add(
            "unit_lineage.csv: "
                + link.fromCode()
                + " → "
                + link.toCode()
                + " names a unit units.csv lacks");
        continue;
      }
      if (link.weight() <= 0 || link.weight() > 1 + TOLERANCE) {
        problems.add(
            "unit_lineage.csv: "
                + link.fromCode()
                + " → "
                + link.toCode()
                + " has weight "
                + link.weight());
      }
      from.computeIfAbsent(link.fromCode() + "@" + link.effectiveOn(), k -> new ArrayList<>())
          .add(link);
    }
    for (Map.Entry<String, List<LineageLink>> e : from.entrySet()) {
      double sum = e.getValue().stream().mapToDouble(LineageLink::weight).sum();
      if (Math.abs(sum - 1) > TOLERANCE) {
        problems.add(
            "unit_lineage.csv: the weights of "
                + e.getKey().replace("@", " from ")
                + " sum to "
                + new java.math.BigDecimal(sum)
                    .setScale(9, java.math.RoundingMode.HALF_UP)
                    .stripTrailingZeros()
                    .toPlainString()
                + ", not 1");
      }
    }
    for (Map.Entry<String, List<UnitVersion>> e : byCode.entrySet()) {
      UnitVersion last = e.getValue().get(e.getValue().size() - 1);
      if (last.validTo().equals(LocalDate.MAX)) {
        continue;
      }
      LocalDate next = last.validTo().plusDays(1);
      if (!from.containsKey(last.code() + "@" + next)) {
        problems.add(
            "unit_lineage.csv: "
                + last.code()
                + " closes on "
                + last.validTo()
                + " but has no successor from "
                + next);
      }
    }
    findCycle(lineage).ifPresent(problems::add);
  }

  private static java.util.Optional<String> findCycle(List<LineageLink> lineage) {
    Map<String, List<String>> next = new HashMap<>();
    lineage.forEach(
        l -> next.computeIfAbsent(l.fromCode(), k -> new ArrayList<>()).add(l.toCode()));
    Set<String> done = new HashSet<>();
    for (String start : new java.util.TreeSet<>(next.keySet())) {
      List<String> path = new ArrayList<>();
      if (cycleFrom(start, next, path, new HashSet<>(), done)) {
        // The path ends on the unit met twice; the cycle starts where it was first met.
        List<String> cycle = path.subList(path.indexOf(path.get(path.size() - 1)), path.size());
        return java.util.Optional.of(
            "unit_lineage.csv: the lineage has a cycle: " + String.join(" → ", cycle));
      }
    }
    return java.util.Optional.empty();
  }

  private static boolean cycleFrom(
      String code,
      Map<String, List<String>> next,
      List<String> path,
      Set<String> onPath,
      Set<String> done) {
    if (onPath.contains(code)) {
      path.add(code);
      return true;
    }
    if (done.contains(code)) {
      return false;
    }
    onPath.add(code);
    path.add(code);
    for (String to : next.getOrDefault(code, List.of())) {
      if (cycleFrom(to, next, path, onPath, done)) {
        return true;
      }
    }
    path.remove(path.size() - 1);
    onPath.remove(code);
    done.add(code);
    return false;
  }
}
