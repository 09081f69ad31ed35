package vn.danvan.reference;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.time.LocalDate;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import vn.danvan.testing.TestProvince;
import vn.danvan.text.CsvTable;

class WorkingDaysTest {

  private static final WorkingDays CALENDAR = load();

  @ParameterizedTest(name = "[{index}] {1} working days after {0} → {2}")
  @CsvSource({
    // Tết 2024 (08–14/02) and two weekends are skipped: 6, 7, 15, 16, 19–23, 26 February.
    "2024-02-05, 10, 2024-02-26",
    "2024-02-05, 15, 2024-03-04",
    // Giỗ Tổ, 30/4 and 1/5 2023 with the two days off in lieu (02–03/05).
    "2023-04-28, 15, 2023-05-24",
    "2021-06-01, 15, 2021-06-22",
    // National Day 2025 (01–02/09) falls on the Monday and Tuesday after a Friday.
    "2025-08-29, 3, 2025-09-05",
  })
  void deadlinesSkipWeekendsAndPublicHolidays(LocalDate start, int days, LocalDate expected) {
    assertThat(CALENDAR.deadline(start, days)).isEqualTo(expected);
  }

  @ParameterizedTest(name = "[{index}] {0} is a working day: {1}")
  @CsvSource({
    "2024-02-09, false",
    "2024-02-15, true",
    "2024-02-17, false",
    "2026-02-16, false",
    "2026-02-23, true"
  })
  void knowsTetAndWeekends(LocalDate day, boolean working) {
    assertThat(CALENDAR.isWorkingDay(day)).isEqualTo(working);
  }

  private static WorkingDays load() {
    try {
      return WorkingDays.from(
          CsvTable.read(
              "holidays.csv",
              Files.newInputStream(
                  TestProvince.repository().resolve("data/reference/holidays.csv"))));
    } catch (IOException e) {
      throw new java.io.UncheckedIOException(e);
    }
  }
}
