package vn.danvan.cli;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.LocalDate;
import org.junit.jupiter.api.Test;
import vn.danvan.errors.DanvanException;
import vn.danvan.job.JobContext;

/** {@code --today}: the day a run takes as today, to repeat a run of an earlier day. */
class TodayOptionTest {

  @Test
  void withoutTheOptionARunTakesTodayInVietnam() {
    assertThat(Jobs.today(null)).isEqualTo(LocalDate.now(JobContext.VIETNAM));
  }

  @Test
  void anEarlierDayIsTakenAsGiven() {
    assertThat(Jobs.today("2026-11-21")).isEqualTo(LocalDate.of(2026, 11, 21));
  }

  /** Bad usage (exit 2): the command must be fixed, retrying it will not help. */
  @Test
  void aDayThatIsNotADateOrLiesAheadStopsTheRun() {
    assertThatThrownBy(() -> Jobs.today("21/11/2026"))
        .isInstanceOf(DanvanException.class)
        .hasMessage("--today 21/11/2026: not a date (yyyy-MM-dd)")
        .extracting(e -> ((DanvanException) e).exitCode())
        .isEqualTo(2);
    String tomorrow = LocalDate.now(JobContext.VIETNAM).plusDays(1).toString();
    assertThatThrownBy(() -> Jobs.today(tomorrow))
        .isInstanceOf(DanvanException.class)
        .hasMessageStartingWith("--today " + tomorrow + " is after today (")
        .extracting(e -> ((DanvanException) e).exitCode())
        .isEqualTo(2);
  }
}
