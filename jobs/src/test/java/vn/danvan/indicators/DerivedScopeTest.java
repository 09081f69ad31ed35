package vn.danvan.indicators;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.Test;
import vn.danvan.period.Period;

class DerivedScopeTest {

  /** Quarters of 2021–2023 and the years 2019–2025. */
  private static List<Period> calendar() {
    List<Period> calendar = new ArrayList<>();
    for (int year = 2021; year <= 2023; year++) {
      for (int q = 1; q <= 4; q++) {
        calendar.add(Period.quarter(year, q));
      }
    }
    for (int year = 2019; year <= 2025; year++) {
      calendar.add(Period.year(year));
    }
    return calendar;
  }

  @Test
  void changedPeriodsAndEveryPeriodLookingBackAtThemAreRewritten() {
    DerivedScope scope = DerivedScope.of(calendar(), Set.of("2022-Q2", "2022"));

    // 2022-Q3 follows 2022-Q2, 2023-Q2 is a year after it; 2023–2025 test against 2022.
    assertThat(scope.periods())
        .containsExactly("2022", "2022-Q2", "2022-Q3", "2023", "2023-Q2", "2024", "2025");
    assertThat(scope.inputs())
        .containsExactly(
            "2019", "2020", "2021", "2021-Q2", "2021-Q3", "2022", "2022-Q1", "2022-Q2", "2022-Q3",
            "2023", "2023-Q1", "2023-Q2", "2024", "2025");
  }

  @Test
  void nothingChangedRewritesNothing() {
    DerivedScope scope = DerivedScope.of(calendar(), Set.of());

    assertThat(scope.periods()).isEmpty();
    assertThat(scope.inputs()).isEmpty();
  }
}
