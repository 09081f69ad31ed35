package vn.danvan.indicators;

import static org.assertj.core.api.Assertions.assertThat;
import static vn.danvan.indicators.GoldScope.Extent.EVERYWHERE;
import static vn.danvan.indicators.GoldScope.Extent.PROVINCES;

import java.time.LocalDate;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.Test;
import vn.danvan.indicators.GoldScope.Part;
import vn.danvan.period.Period;
import vn.danvan.period.PeriodCalendar;
import vn.danvan.period.PeriodScheme;
import vn.danvan.reference.LineageLink;
import vn.danvan.reference.UnitDirectory;
import vn.danvan.reference.UnitVersion;

class GoldScopeTest {

  private static final LocalDate START = LocalDate.of(2000, 1, 1);
  private static final LocalDate MERGED = LocalDate.of(2025, 7, 1);

  /**
   * Provinces P and R merge into P2 on 01/07/2025 (R's commune R1 into P2's N); Q stays apart,
   * except commune Q2, which moved to P in 2020; S is untouched.
   */
  private static final List<UnitVersion> UNITS =
      List.of(
          unit("P", "province", null, START, MERGED.minusDays(1)),
          unit("R", "province", null, START, MERGED.minusDays(1)),
          unit("P2", "province", null, MERGED, LocalDate.MAX),
          unit("D1", "district", "P", START, MERGED.minusDays(1)),
          unit("A", "commune", "D1", START, MERGED.minusDays(1)),
          unit("N", "commune", "P2", MERGED, LocalDate.MAX),
          unit("R1", "commune", "R", START, MERGED.minusDays(1)),
          unit("Q", "province", null, START, LocalDate.MAX),
          unit("DQ", "district", "Q", START, LocalDate.MAX),
          unit("Q1", "commune", "DQ", START, LocalDate.MAX),
          unit("S", "province", null, START, LocalDate.MAX),
          unit("DS", "district", "S", START, LocalDate.MAX),
          unit("S1", "commune", "DS", START, LocalDate.MAX));

  private static final List<LineageLink> LINEAGE =
      List.of(
          new LineageLink("A", "N", MERGED, 1),
          new LineageLink("R1", "N", MERGED, 1),
          new LineageLink("P", "P2", MERGED, 1),
          new LineageLink("R", "P2", MERGED, 1));

  private static UnitVersion unit(
      String code, String level, String parent, LocalDate from, LocalDate to) {
    return new UnitVersion(code, code, level, parent, from, to, null, null, null);
  }

  private static UnitDirectory directory(List<UnitVersion> units) {
    return new UnitDirectory(units, LINEAGE, Map.of());
  }

  @Test
  void aSubmissionReachesTheProvincesItsTerritoryPassedThrough() {
    GoldScope.Reach reach = GoldScope.reach(directory(UNITS), LINEAGE, Set.of("D1")).orElseThrow();

    // D1 lay in P, which merged into P2 with R: restated P2 sums R's commune too.
    assertThat(reach.provinces()).containsExactly("P", "P2", "R");
    assertThat(reach.communes()).containsExactly("A", "N", "R1");
  }

  @Test
  void aProvinceOutsideAnyReorganisationIsReachedAlone() {
    GoldScope.Reach reach =
        GoldScope.reach(directory(UNITS), LINEAGE, Set.of("Q1", "DQ")).orElseThrow();

    assertThat(reach.provinces()).containsExactly("Q");
    assertThat(reach.communes()).containsExactly("Q1");
  }

  @Test
  void aCommuneThatMovedProvinceJoinsBoth() {
    List<UnitVersion> moved = new java.util.ArrayList<>(UNITS);
    moved.add(unit("Q2", "commune", "DQ", START, LocalDate.of(2019, 12, 31)));
    moved.add(unit("Q2", "commune", "D1", LocalDate.of(2020, 1, 1), MERGED.minusDays(1)));

    GoldScope.Reach reach =
        GoldScope.reach(directory(moved), LINEAGE, Set.of("S1", "Q")).orElseThrow();

    assertThat(reach.provinces()).containsExactly("P", "P2", "Q", "R", "S");
    assertThat(reach.communes()).containsExactly("A", "N", "Q1", "Q2", "R1", "S1");
  }

  @Test
  void anUnknownSubmitterReachesNothingOneCanName() {
    assertThat(GoldScope.reach(directory(UNITS), LINEAGE, Set.of("D1", "XX"))).isEmpty();
  }

  @Test
  void territoriesJoinWhatMembershipOrLineageEverJoined() {
    Map<String, String> territories = GoldScope.territories(directory(UNITS), LINEAGE);

    assertThat(List.of("P", "R", "D1", "A", "R1", "N").stream().map(territories::get).distinct())
        .as("P, R and their units merged into P2")
        .containsExactly(territories.get("P2"));
    assertThat(territories.get("Q"))
        .isEqualTo(territories.get("Q1"))
        .isNotEqualTo(territories.get("S"));
    assertThat(territories.get("S1"))
        .isEqualTo(territories.get("S"))
        .isNotEqualTo(territories.get("P2"));
    assertThat(territories).doesNotContainKey("X");
  }

  @Test
  void predicatesNameThePeriodsEverywhereAndTheProvincesOfTheRest() {
    GoldScope scope = scope(every("2025-M12"), local(Set.of("2024-Q4", "2024")));

    assertThat(scope.predicate())
        .isEqualTo(
            "period_key IN ('2025-M12') OR (period_key IN ('2024', '2024-Q4')"
                + " AND province_code IN ('Q'))");
    assertThat(scope.communePredicate())
        .isEqualTo(
            "period_key IN ('2025-M12') OR (period_key IN ('2024', '2024-Q4')"
                + " AND commune_code IN ('Q1'))");
    assertThat(scope.allPeriods()).containsExactly("2024", "2024-Q4", "2025-M12");
    assertThat(scope.isLocal()).isFalse();
    assertThat(GoldScope.everywhere(Set.of()).predicate()).isEqualTo("period_key IN ('')");
    assertThat(GoldScope.everywhere(Set.of()).parts()).isEmpty();
  }

  @Test
  void partsOfSomeIndicatorsNameThemInGoldAndEveryCommuneInTheGrid() {
    GoldScope scope =
        scope(
            every("2025-M12"),
            local(Set.of("2024-Q4")),
            new Part(Set.of("2025-Q4", "2025"), Set.of("PET_ONTIME_RATE"), EVERYWHERE),
            new Part(Set.of("2025-Q3"), Set.of("REP_COMPLETENESS", "REP_TIMELINESS"), PROVINCES));

    assertThat(scope.predicate())
        .isEqualTo(
            "period_key IN ('2025-M12')"
                + " OR (period_key IN ('2025', '2025-Q4') AND indicator_id IN ('PET_ONTIME_RATE'))"
                + " OR (period_key IN ('2024-Q4') AND province_code IN ('Q'))"
                + " OR (period_key IN ('2025-Q3') AND province_code IN ('Q')"
                + " AND indicator_id IN ('REP_COMPLETENESS', 'REP_TIMELINESS'))");
    assertThat(scope.communePredicate())
        .isEqualTo(
            "period_key IN ('2025', '2025-M12', '2025-Q4')"
                + " OR (period_key IN ('2024-Q4', '2025-Q3') AND commune_code IN ('Q1'))");
    assertThat(scope.allPeriods())
        .containsExactly("2024-Q4", "2025", "2025-M12", "2025-Q3", "2025-Q4");
    // A source of the indicators of a part recomputes its periods; another leaves them.
    GoldScope petitions = scope.forIndicators(List.of("PET_ONTIME_RATE"));
    assertThat(petitions.periods(EVERYWHERE)).containsExactly("2025", "2025-M12", "2025-Q4");
    assertThat(petitions.periods(PROVINCES)).containsExactly("2024-Q4");
    GoldScope dialogues = scope.forIndicators(List.of("DLG_COUNT", "SAT_RATE"));
    assertThat(dialogues.periods(EVERYWHERE)).containsExactly("2025-M12");
    assertThat(dialogues.allPeriods()).containsExactly("2024-Q4", "2025-M12");
    assertThat(
            scope(new Part(Set.of("2025"), Set.of("PET_ONTIME_RATE"), EVERYWHERE))
                .forIndicators(List.of("SAT_RATE"))
                .predicate())
        .isEqualTo("period_key IN ('')");
  }

  @Test
  void partsAreMergedAndLoseWhatIsRecomputedEverywhereAlready() {
    GoldScope scope =
        scope(
            new Part(Set.of("2025-Q3"), Set.of("DLG_COUNT"), PROVINCES),
            new Part(Set.of("2025-Q3", "2025-M07", "2025"), Set.of("DLG_COUNT"), EVERYWHERE),
            new Part(Set.of("2025"), Set.of("DLG_COUNT", "SAT_RATE"), PROVINCES),
            new Part(Set.of("2025-Q4"), Set.of("DLG_COUNT", "SAT_RATE"), PROVINCES),
            new Part(Set.of("2025-M07"), Set.of(), EVERYWHERE),
            new Part(Set.of(), Set.of("SAT_RATE"), EVERYWHERE));

    // DLG_COUNT's Q3 everywhere holds its Q3 in Q; the year in Q still needs SAT_RATE too.
    assertThat(scope.parts())
        .containsExactly(
            new Part(Set.of("2025-M07"), Set.of(), EVERYWHERE),
            new Part(Set.of("2025", "2025-Q3"), Set.of("DLG_COUNT"), EVERYWHERE),
            new Part(Set.of("2025", "2025-Q4"), Set.of("DLG_COUNT", "SAT_RATE"), PROVINCES));
    assertThat(scope(new Part(Set.of("2025"), Set.of("DLG_COUNT"), EVERYWHERE)).provinces())
        .as("no part in some provinces: no provinces")
        .isEmpty();
  }

  @Test
  void derivedRowsOfAPartAreItsIndicatorsOnly() {
    List<Period> calendar = List.of(Period.quarter(2025, 3), Period.quarter(2025, 4));
    GoldScope scope = scope(new Part(Set.of("2025-Q3"), Set.of("PET_ONTIME_RATE"), EVERYWHERE));

    GoldScope.Derived derived = scope.derived(calendar);

    assertThat(derived.rewritten().predicate())
        .isEqualTo(
            "(period_key IN ('2025-Q3', '2025-Q4') AND indicator_id IN ('PET_ONTIME_RATE'))");
    assertThat(derived.read().parts())
        .containsExactly(
            new Part(
                Set.of("2024-Q3", "2024-Q4", "2025-Q2", "2025-Q3", "2025-Q4"),
                Set.of("PET_ONTIME_RATE"),
                EVERYWHERE));
    assertThat(derived.read().isLocal()).isFalse();
  }

  @Test
  void recordsAreReadOnlyForTheWindowsOfThePeriodsInScope() {
    List<Period> calendar =
        List.of(
            Period.quarter(2024, 2),
            Period.quarter(2024, 4),
            Period.month(2025, 12),
            Period.quarter(2025, 4),
            Period.half(2025, 2),
            Period.year(2024));
    // A new 2025-Q4 opens its quarter, half and December everywhere; 2024's Q4 is redone in Q,
    // from the records of its commune Q1, which its district DQ and the province report.
    GoldScope scope =
        scope(every("2025-M12", "2025-Q4", "2025-H2"), local(Set.of("2024-Q2", "2024-Q4")));
    UnitDirectory directory = directory(UNITS);

    assertThat(scope.recordPredicate(calendar, PeriodScheme.CALENDAR, false, directory))
        .isEqualTo(
            "(record_date BETWEEN DATE'2025-07-01' AND DATE'2025-12-31')"
                + " OR ((record_date BETWEEN DATE'2024-04-01' AND DATE'2024-06-30'"
                + " OR record_date BETWEEN DATE'2024-10-01' AND DATE'2024-12-31')"
                + " AND commune_code IN ('Q1') AND reporting_unit IN ('DQ', 'Q', 'Q1'))");
    // Under the regime, windows run from the 15th; a state at a period's end may be older.
    assertThat(scope.recordPredicate(calendar, PeriodScheme.REGIME, true, directory))
        .isEqualTo(
            "record_date <= DATE'2025-12-14'"
                + " OR (record_date <= DATE'2024-12-14' AND commune_code IN ('Q1')"
                + " AND reporting_unit IN ('DQ', 'Q', 'Q1'))");
    // A commune that merged into another province's is reported by the units above it then.
    assertThat(
            new GoldScope(
                    List.of(Part.ofEvery(Set.of("2024"), PROVINCES)),
                    Set.of("P", "P2", "R"),
                    Set.of("A", "N"))
                .recordPredicate(calendar, PeriodScheme.CALENDAR, false, directory))
        .isEqualTo(
            "((record_date BETWEEN DATE'2024-01-01' AND DATE'2024-12-31')"
                + " AND commune_code IN ('A', 'N') AND reporting_unit IN ('A', 'D1', 'N', 'P', 'P2'))");
    assertThat(
            GoldScope.everywhere(Set.of())
                .recordPredicate(calendar, PeriodScheme.CALENDAR, false, directory))
        .isEqualTo("FALSE");
  }

  @Test
  void leagueAndOutliersOfTheSameProvincesLookBackAtTheirPeriods() {
    List<Period> calendar =
        List.of(
            Period.quarter(2024, 3),
            Period.quarter(2024, 4),
            Period.quarter(2025, 1),
            Period.quarter(2025, 4));
    GoldScope scope = scope(local(Set.of("2024-Q4")));

    GoldScope.Derived derived = scope.derived(calendar);

    // 2025-Q1 follows 2024-Q4 and 2025-Q4 is a year after it; each reads its previous quarter
    // and the same quarter a year earlier.
    assertThat(derived.rewritten().predicate())
        .isEqualTo("(period_key IN ('2024-Q4', '2025-Q1', '2025-Q4') AND province_code IN ('Q'))");
    assertThat(derived.read().periods(PROVINCES))
        .containsExactly(
            "2023-Q4", "2024-Q1", "2024-Q3", "2024-Q4", "2025-Q1", "2025-Q3", "2025-Q4");
    assertThat(derived.read().isLocal()).isTrue();
  }

  /**
   * A moved span changes the periods it brings in or leaves out, and only those: a last date moved
   * from 6 August to 12 November brings in the months and quarter starting after 6 August, not the
   * third quarter, the second half or the year, which already held every unit's rows.
   */
  @Test
  void aMovedSpanChangesOnlyThePeriodsItBringsInOrLeavesOut() {
    Span was = new Span(LocalDate.of(2025, 4, 1), LocalDate.of(2025, 8, 6));

    assertThat(changed(was, new Span(LocalDate.of(2025, 4, 1), LocalDate.of(2025, 11, 12))))
        .containsExactly("2025-M09", "2025-M10", "2025-M11", "2025-Q4");
    assertThat(changed(new Span(LocalDate.of(2025, 4, 1), LocalDate.of(2025, 11, 12)), was))
        .as("shrunk back")
        .containsExactly("2025-M09", "2025-M10", "2025-M11", "2025-Q4");
    assertThat(changed(was, new Span(LocalDate.of(2024, 12, 2), LocalDate.of(2025, 8, 6))))
        .containsExactly(
            "2024-M12",
            "2024-Q4",
            "2024-H2",
            "2024",
            "2025-M01",
            "2025-M02",
            "2025-M03",
            "2025-Q1");
    assertThat(changed(was, was)).isEmpty();
    // A state at a period's end holds after the last record: covered from the first date on.
    assertThat(was.covers(Period.quarter(2025, 4), PeriodScheme.CALENDAR, true)).isTrue();
    assertThat(was.covers(Period.quarter(2025, 4), PeriodScheme.CALENDAR, false)).isFalse();
    assertThat(was.covers(Period.quarter(2025, 1), PeriodScheme.CALENDAR, true)).isFalse();
    assertThat(changed(new Span(null, null), new Span(null, null))).isEmpty();
    assertThat(changed(was, new Span(null, null)))
        .as("every record retracted: every period the span covered")
        .contains("2025-M04", "2025-M08", "2025-Q3", "2025-9M", "2025")
        .doesNotContain("2025-M03", "2025-M09");
  }

  /** A scope of {@code parts}, its provinces' parts in province Q, from its commune Q1. */
  private static GoldScope scope(Part... parts) {
    return new GoldScope(List.of(parts), Set.of("Q"), Set.of("Q1"));
  }

  private static Part every(String... periods) {
    return Part.ofEvery(Set.of(periods), EVERYWHERE);
  }

  private static Part local(Set<String> periods) {
    return Part.ofEvery(periods, PROVINCES);
  }

  /** The periods of 2024 and 2025 whose coverage differs between the two spans, in order. */
  private static List<String> changed(Span was, Span now) {
    return PeriodCalendar.periods(2024, 2025, List.of()).stream()
        .filter(
            p ->
                was.covers(p, PeriodScheme.CALENDAR, false)
                    != now.covers(p, PeriodScheme.CALENDAR, false))
        .map(Period::key)
        .toList();
  }
}
