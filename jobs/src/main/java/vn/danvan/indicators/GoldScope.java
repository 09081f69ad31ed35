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
 * The gold rows an incremental run recomputes: every province's rows of the periods in {@code
 * everywhere} (the passing of time, changed reporting rates of units the directory cannot place),
 * and the rows of {@code provinces} in {@code periods} (the submissions that changed). Every gold
 * row carries the province it is counted in, and every comparison gold makes (ranks, the province's
 * value, outlier peers) stays within one province, so the rows of other provinces do not change.
 *
 * <p>{@code provinces} is closed over the unit directory: a province is in it with every province
 * one of its units belonged to at another time or passed territory to or from (the 2025
 * reorganisation), so that restated figures and models that moved with their commune are summed
 * from all their records. {@code communes} are the communes that ever lay in those provinces: the
 * only records the local rows are computed from.
 *
 * <p>{@code dated} names periods recomputed in every province for some indicators only: those whose
 * figures read the run's date (petitions falling due as days pass).
 *
 * @param everywhere period keys recomputed for every province
 * @param periods period keys recomputed for {@code provinces} only
 * @param provinces the province codes of the local part
 * @param communes the communes whose records the local part is computed from
 * @param dated period keys recomputed for every province, of some indicators only
 */
public record GoldScope(
    Set<String> everywhere,
    Set<String> periods,
    Set<String> provinces,
    Set<String> communes,
    Dated dated) {

  /** Sorted copies: the same scope always reads as the same predicate. */
  public GoldScope {
    everywhere = sorted(everywhere);
    periods = sorted(periods);
    provinces = sorted(provinces);
    communes = sorted(communes);
  }

  /** A scope recomputing every indicator of its periods. */
  public GoldScope(
      Set<String> everywhere, Set<String> periods, Set<String> provinces, Set<String> communes) {
    this(everywhere, periods, provinces, communes, Dated.NONE);
  }

  /** Every province's rows of {@code periods}. */
  public static GoldScope everywhere(Collection<String> periods) {
    return new GoldScope(new TreeSet<>(periods), Set.of(), Set.of(), Set.of());
  }

  /**
   * Period keys recomputed in every province for the {@code indicators} only.
   *
   * @param periods the period keys
   * @param indicators the indicator ids
   */
  public record Dated(Set<String> periods, Set<String> indicators) {

    /** No period. */
    public static final Dated NONE = new Dated(Set.of(), Set.of());

    /** Sorted copies, and no period when no indicator. */
    public Dated {
      periods = indicators.isEmpty() ? Set.of() : sorted(periods);
      indicators = periods.isEmpty() ? Set.of() : sorted(indicators);
    }
  }

  /**
   * The part of this scope the {@code indicators} are recomputed in: the dated periods count as
   * everywhere when one of them is dated, and drop out when none is.
   */
  public GoldScope forIndicators(Collection<String> indicators) {
    Set<String> all = new TreeSet<>(everywhere);
    if (indicators.stream().anyMatch(dated.indicators()::contains)) {
      all.addAll(dated.periods());
    }
    Set<String> local = new TreeSet<>(periods);
    local.removeAll(all);
    return new GoldScope(all, local, provinces, communes);
  }

  /** Every period key recomputed, for some provinces or indicators at least. */
  public Set<String> allPeriods() {
    Set<String> all = new TreeSet<>(everywhere);
    all.addAll(periods);
    all.addAll(dated.periods());
    return all;
  }

  /** True when only some provinces' rows are recomputed, so only their communes' records count. */
  public boolean isLocal() {
    return everywhere.isEmpty() && dated.periods().isEmpty();
  }

  /**
   * The SQL predicate on gold rows in scope ({@code period_key}, {@code province_code}, {@code
   * indicator_id}).
   */
  public String predicate() {
    return predicate(
        IndicatorEngine.PROVINCE,
        provinces,
        dated.periods().isEmpty()
            ? null
            : "(period_key IN ("
                + quoted(dated.periods())
                + ") AND "
                + IndicatorEngine.INDICATOR_ID
                + " IN ("
                + quoted(dated.indicators())
                + "))");
  }

  /**
   * The SQL predicate on commune × period rows whose records the rows in scope are summed from
   * (every commune's, in the dated periods).
   */
  public String communePredicate() {
    return predicate(
        "commune_code",
        communes,
        dated.periods().isEmpty() ? null : "period_key IN (" + quoted(dated.periods()) + ")");
  }

  /**
   * The SQL predicate on silver rows ({@code record_date}, {@code commune_code}, {@code
   * reporting_unit}) that the rows in scope are summed from. A record counts only in the periods
   * its date falls in — a state at a period's end ({@code statesAtEnd}) in the periods ending on or
   * after it — so a record dated outside every period in scope is left out before it is placed, and
   * in the local part so is every record of a commune outside it. The first file of a new quarter
   * thus reads the nation's records of the periods it opens, not all of history. A silver record's
   * commune lies inside the unit that reported it (refine quarantines it otherwise), so the local
   * part also names the reporting units: silver's files hold ranges of submissions, and Delta skips
   * the others.
   *
   * @param calendar the periods the keys in scope name
   * @param directory the units, for the reporting units above the scope's communes
   */
  public String recordPredicate(
      List<Period> calendar, PeriodScheme scheme, boolean statesAtEnd, UnitDirectory directory) {
    // Dated periods read every commune's records, as periods everywhere do.
    Set<String> everyCommune = new TreeSet<>(everywhere);
    everyCommune.addAll(dated.periods());
    String all =
        everyCommune.isEmpty() ? null : within(everyCommune, calendar, scheme, statesAtEnd);
    String local =
        periods.isEmpty()
            ? null
            : "("
                + within(periods, calendar, scheme, statesAtEnd)
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
   * values in this scope changed: the same provinces, the periods {@link DerivedScope} names.
   */
  public Derived derived(List<Period> calendar) {
    DerivedScope all = DerivedScope.of(calendar, everywhere);
    DerivedScope local = DerivedScope.of(calendar, periods);
    DerivedScope some = DerivedScope.of(calendar, dated.periods());
    return new Derived(
        new GoldScope(
            all.periods(),
            local.periods(),
            provinces,
            communes,
            new Dated(some.periods(), dated.indicators())),
        new GoldScope(
            all.inputs(),
            local.inputs(),
            provinces,
            communes,
            new Dated(some.inputs(), dated.indicators())));
  }

  /**
   * The rows of the derived tables an incremental run rewrites, and the values it reads to do so.
   */
  public record Derived(GoldScope rewritten, GoldScope read) {}

  private String predicate(String unitColumn, Set<String> units, String some) {
    String all = everywhere.isEmpty() ? null : "period_key IN (" + quoted(everywhere) + ")";
    String local =
        periods.isEmpty()
            ? null
            : "(period_key IN ("
                + quoted(periods)
                + ") AND "
                + unitColumn
                + " IN ("
                + quoted(units)
                + "))";
    String joined =
        Stream.of(all, local, some).filter(Objects::nonNull).collect(Collectors.joining(" OR "));
    return joined.isEmpty() ? "period_key IN ('')" : joined;
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
