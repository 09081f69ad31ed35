package vn.danvan.indicators;

import java.time.LocalDate;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Collections;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import vn.danvan.period.Period;
import vn.danvan.period.PeriodScheme;
import vn.danvan.reference.LineageLink;
import vn.danvan.reference.UnitDirectory;
import vn.danvan.reference.UnitVersion;

/**
 * The gold rows an incremental run recomputes, as {@link Part}s: some periods' rows of some
 * indicators (or of every indicator), in every province or in the scope's {@code provinces}. A
 * submission that changed recomputes its period's rows of the indicators that read its kind, in the
 * provinces it reaches; a reporting rate that changed, those of the reporting indicators; a kind's
 * first or last record date that moved, the periods it brings in or leaves out everywhere, of that
 * kind's indicators; the passing of time, the periods that began (every indicator) and those whose
 * records fall due (the indicators reading the date) everywhere. Every gold row carries the
 * province it is counted in and one indicator, and every comparison gold makes (ranks, the
 * province's value, outlier peers, the past) stays within one province and one indicator, so no
 * other row changes.
 *
 * <p>{@code provinces} is closed over the unit directory: a province is in it with every province
 * one of its units belonged to at another time or passed territory to or from (the 2025
 * reorganisation), so that restated figures and models that moved with their commune are summed
 * from all their records. {@code communes} are the communes that ever lay in those provinces: the
 * only records the provinces' parts are computed from.
 *
 * @param parts the rows recomputed; a part holds no period another part recomputes everywhere for
 *     all of its indicators
 * @param provinces the province codes of the parts recomputed in some provinces only
 * @param communes the communes whose records those parts are computed from
 */
public record GoldScope(List<Part> parts, Set<String> provinces, Set<String> communes) {

  /** Parts merged and ordered, each period once: the same scope always reads the same. */
  public GoldScope {
    parts = normalised(parts);
    boolean local = parts.stream().anyMatch(p -> p.extent() == Extent.PROVINCES);
    provinces = local ? sorted(provinces) : Set.of();
    communes = local ? sorted(communes) : Set.of();
  }

  /** Where a part's rows are recomputed. */
  public enum Extent {
    /** In every province. */
    EVERYWHERE,
    /** In the scope's provinces only, from their communes' records. */
    PROVINCES
  }

  /**
   * Some periods' rows of some indicators.
   *
   * @param periods the period keys
   * @param indicators the indicator ids; empty for every indicator
   * @param extent every province's rows, or the scope's provinces'
   */
  public record Part(Set<String> periods, Set<String> indicators, Extent extent) {

    /** Sorted copies. */
    public Part {
      periods = sorted(periods);
      indicators = sorted(indicators);
    }

    /** Every indicator's rows of {@code periods}. */
    public static Part ofEvery(Collection<String> periods, Extent extent) {
      return new Part(new TreeSet<>(periods), Set.of(), extent);
    }

    /** True when this part recomputes some of the {@code ids}. */
    boolean touches(Collection<String> ids) {
      return indicators.isEmpty() || ids.stream().anyMatch(indicators::contains);
    }

    /** True when this part recomputes every one of the {@code ids} (every indicator: empty). */
    boolean coversAll(Set<String> ids) {
      return indicators.isEmpty() || (!ids.isEmpty() && indicators.containsAll(ids));
    }
  }

  /** Every province's rows of {@code periods}, of every indicator. */
  public static GoldScope everywhere(Collection<String> periods) {
    return new GoldScope(List.of(Part.ofEvery(periods, Extent.EVERYWHERE)), Set.of(), Set.of());
  }

  /** The parts of this scope that recompute some of the {@code indicators}. */
  public GoldScope forIndicators(Collection<String> indicators) {
    return new GoldScope(
        parts.stream().filter(p -> p.touches(indicators)).toList(), provinces, communes);
  }

  /** Every period key recomputed, for some provinces or indicators at least. */
  public Set<String> allPeriods() {
    Set<String> all = new TreeSet<>();
    parts.forEach(p -> all.addAll(p.periods()));
    return all;
  }

  /** The period keys recomputed with {@code extent}, of some indicators at least. */
  public Set<String> periods(Extent extent) {
    Set<String> all = new TreeSet<>();
    parts.stream().filter(p -> p.extent() == extent).forEach(p -> all.addAll(p.periods()));
    return all;
  }

  /** True when only some provinces' rows are recomputed, so only their communes' records count. */
  public boolean isLocal() {
    return periods(Extent.EVERYWHERE).isEmpty();
  }

  /**
   * The SQL predicate on gold rows in scope ({@code period_key}, {@code province_code}, {@code
   * indicator_id}).
   */
  public String predicate() {
    String joined = parts.stream().map(this::predicate).collect(Collectors.joining(" OR "));
    return joined.isEmpty() ? "period_key IN ('')" : joined;
  }

  private String predicate(Part p) {
    List<String> terms = new ArrayList<>();
    terms.add("period_key IN (" + quoted(p.periods()) + ")");
    if (p.extent() == Extent.PROVINCES) {
      terms.add(IndicatorEngine.PROVINCE + " IN (" + quoted(provinces) + ")");
    }
    if (!p.indicators().isEmpty()) {
      terms.add(IndicatorEngine.INDICATOR_ID + " IN (" + quoted(p.indicators()) + ")");
    }
    return terms.size() == 1 ? terms.get(0) : "(" + String.join(" AND ", terms) + ")";
  }

  /**
   * The SQL predicate on commune × period rows whose records the rows in scope are summed from
   * (every commune's, in the periods recomputed everywhere).
   */
  public String communePredicate() {
    Set<String> everyCommune = periods(Extent.EVERYWHERE);
    Set<String> some = localOnly();
    String all = everyCommune.isEmpty() ? null : "period_key IN (" + quoted(everyCommune) + ")";
    String local =
        some.isEmpty()
            ? null
            : "(period_key IN ("
                + quoted(some)
                + ") AND commune_code IN ("
                + quoted(communes)
                + "))";
    String joined =
        Stream.of(all, local).filter(Objects::nonNull).collect(Collectors.joining(" OR "));
    return joined.isEmpty() ? "period_key IN ('')" : joined;
  }

  /**
   * The SQL predicate on silver rows ({@code record_date}, {@code commune_code}, {@code
   * reporting_unit}) that the rows in scope are summed from. A record counts only in the periods
   * its date falls in — a state at a period's end ({@code statesAtEnd}) in the periods ending on or
   * after it — so a record dated outside every period in scope is left out before it is placed, and
   * in the provinces' parts so is every record of a commune outside them. The first file of a new
   * quarter thus reads the nation's records of the periods it opens, not all of history. A silver
   * record's commune lies inside the unit that reported it (refine quarantines it otherwise), so
   * the provinces' parts also name the reporting units: silver's files hold ranges of submissions,
   * and Delta skips the others.
   *
   * @param calendar the periods the keys in scope name
   * @param directory the units, for the reporting units above the scope's communes
   */
  public String recordPredicate(
      List<Period> calendar, PeriodScheme scheme, boolean statesAtEnd, UnitDirectory directory) {
    Set<String> everyCommune = periods(Extent.EVERYWHERE);
    Set<String> some = localOnly();
    String all =
        everyCommune.isEmpty() ? null : within(everyCommune, calendar, scheme, statesAtEnd);
    String local =
        some.isEmpty()
            ? null
            : "("
                + within(some, calendar, scheme, statesAtEnd)
                + " AND commune_code IN ("
                + quoted(communes)
                + ") AND reporting_unit IN ("
                + quoted(reporters(directory))
                + "))";
    if (all == null && local == null) {
      return "FALSE";
    }
    return all == null ? local : local == null ? all : all + " OR " + local;
  }

  /** The periods recomputed in some provinces and not, for any indicator, everywhere. */
  private Set<String> localOnly() {
    Set<String> some = periods(Extent.PROVINCES);
    some.removeAll(periods(Extent.EVERYWHERE));
    return some;
  }

  /** The scope's communes and every unit above one of them in any state of the directory. */
  private Set<String> reporters(UnitDirectory directory) {
    Map<String, Set<String>> parents = new HashMap<>();
    for (UnitVersion v : directory.versions()) {
      if (v.parentCode() != null) {
        parents.computeIfAbsent(v.code(), c -> new TreeSet<>()).add(v.parentCode());
      }
    }
    Set<String> units = new TreeSet<>(communes);
    List<String> todo = new ArrayList<>(communes);
    while (!todo.isEmpty()) {
      for (String parent : parents.getOrDefault(todo.remove(todo.size() - 1), Set.of())) {
        if (units.add(parent)) {
          todo.add(parent);
        }
      }
    }
    return units;
  }

  /** {@code record_date} inside one of the windows of the periods {@code keys} (merged). */
  private static String within(
      Set<String> keys, List<Period> calendar, PeriodScheme scheme, boolean statesAtEnd) {
    List<LocalDate[]> windows = new ArrayList<>();
    calendar.stream()
        .filter(p -> keys.contains(p.key()))
        .map(p -> new LocalDate[] {p.start(scheme), p.end(scheme)})
        .sorted(Comparator.comparing((LocalDate[] w) -> w[0]))
        .forEach(
            w -> {
              LocalDate[] last = windows.isEmpty() ? null : windows.get(windows.size() - 1);
              if (last != null && !w[0].isAfter(last[1].plusDays(1))) {
                last[1] = w[1].isAfter(last[1]) ? w[1] : last[1];
              } else {
                windows.add(w);
              }
            });
    if (windows.isEmpty()) {
      return "FALSE";
    }
    if (statesAtEnd) {
      LocalDate latest = windows.stream().map(w -> w[1]).max(Comparator.naturalOrder()).get();
      return "record_date <= DATE'" + latest + "'";
    }
    return "("
        + windows.stream()
            .map(w -> "record_date BETWEEN DATE'" + w[0] + "' AND DATE'" + w[1] + "'")
            .collect(Collectors.joining(" OR "))
        + ")";
  }

  /**
   * The rows league and outliers rewrite ({@code rewritten}) and read ({@code read}) when the
   * values in this scope changed: of each part, the same indicators and extent, the periods {@link
   * DerivedScope} names.
   */
  public Derived derived(List<Period> calendar) {
    List<Part> rewritten = new ArrayList<>();
    List<Part> read = new ArrayList<>();
    for (Part p : parts) {
      DerivedScope d = DerivedScope.of(calendar, p.periods());
      rewritten.add(new Part(d.periods(), p.indicators(), p.extent()));
      read.add(new Part(d.inputs(), p.indicators(), p.extent()));
    }
    return new Derived(
        new GoldScope(rewritten, provinces, communes), new GoldScope(read, provinces, communes));
  }

  /**
   * The rows of the derived tables an incremental run rewrites, and the values it reads to do so.
   */
  public record Derived(GoldScope rewritten, GoldScope read) {}

  /**
   * {@code parts} merged where they share indicators and extent, without the periods another part
   * recomputes everywhere for all their indicators, the empty ones left out; in a fixed order
   * (everywhere first, every indicator first).
   */
  private static List<Part> normalised(List<Part> parts) {
    Map<Part, Set<String>> merged = new HashMap<>();
    for (Part p : parts) {
      merged
          .computeIfAbsent(new Part(Set.of(), p.indicators(), p.extent()), k -> new TreeSet<>())
          .addAll(p.periods());
    }
    List<Part> whole = new ArrayList<>();
    merged.forEach((k, periods) -> whole.add(new Part(periods, k.indicators(), k.extent())));
    List<Part> result = new ArrayList<>();
    for (Part p : whole) {
      Set<String> left = new TreeSet<>(p.periods());
      for (Part q : whole) {
        if (q != p && q.extent() == Extent.EVERYWHERE && q.coversAll(p.indicators())) {
          left.removeAll(q.periods());
        }
      }
      if (!left.isEmpty()) {
        result.add(new Part(left, p.indicators(), p.extent()));
      }
    }
    result.sort(
        Comparator.comparing(Part::extent)
            .thenComparing(p -> !p.indicators().isEmpty())
            .thenComparing(p -> String.join(",", p.indicators()))
            .thenComparing(p -> String.join(",", p.periods())));
    return List.copyOf(result);
  }

  private static Set<String> sorted(Set<String> values) {
    return Collections.unmodifiableSortedSet(new TreeSet<>(values));
  }

  private static String quoted(Collection<String> values) {
    return values.isEmpty()
        ? "''"
        : values.stream()
            .map(v -> "'" + v.replace("'", "''") + "'")
            .collect(Collectors.joining(", "));
  }

  /**
   * The provinces whose rows depend on the records of {@code units} (any level), and the communes
   * those rows are summed from: the provinces joined to them, in any state of the directory, by
   * membership or by lineage. Empty when a unit is unknown: then only a recomputation everywhere is
   * safe.
   */
  public static Optional<Reach> reach(
      UnitDirectory directory, List<LineageLink> lineage, Collection<String> units) {
    Map<String, String> territories = territories(directory, lineage);
    Set<String> roots = new TreeSet<>();
    for (String unit : units) {
      if (unit == null || !territories.containsKey(unit)) {
        return Optional.empty();
      }
      roots.add(territories.get(unit));
    }
    Set<String> provinces = new TreeSet<>();
    Set<String> communes = new TreeSet<>();
    for (UnitVersion v : directory.versions()) {
      if (!roots.contains(territories.get(v.code()))) {
        continue;
      }
      if (UnitDirectory.PROVINCE.equals(v.level())) {
        provinces.add(v.code());
      } else if (UnitDirectory.COMMUNE.equals(v.level())) {
        communes.add(v.code());
      }
    }
    return Optional.of(new Reach(provinces, communes));
  }

  /**
   * Every unit the directory knows, mapped to one code standing for its territory: two units have
   * the same when they are joined, in any state of the directory, by membership or by lineage. A
   * unit's records count only in gold rows of provinces of its territory.
   */
  public static Map<String, String> territories(
      UnitDirectory directory, List<LineageLink> lineage) {
    Components components = new Components();
    for (UnitVersion v : directory.versions()) {
      components.join(v.code(), v.parentCode() == null ? v.code() : v.parentCode());
    }
    lineage.forEach(link -> components.join(link.fromCode(), link.toCode()));
    Map<String, String> territories = new HashMap<>();
    for (UnitVersion v : directory.versions()) {
      territories.put(v.code(), components.root(v.code()));
    }
    return territories;
  }

  /** The provinces some units' records count in, and the communes those provinces' rows sum. */
  public record Reach(Set<String> provinces, Set<String> communes) {}

  /** Union–find over unit codes. */
  private static final class Components {
    private final Map<String, String> parent = new HashMap<>();

    String root(String code) {
      String root = code;
      while (parent.containsKey(root)) {
        root = parent.get(root);
      }
      // Every code on the way now points at the root: later look-ups are one step.
      for (String c = code; !c.equals(root); ) {
        String next = parent.get(c);
        parent.put(c, root);
        c = next;
      }
      return root;
    }

    void join(String a, String b) {
      String ra = root(a);
      String rb = root(b);
      if (!ra.equals(rb)) {
        parent.put(ra, rb);
      }
    }
  }
}
