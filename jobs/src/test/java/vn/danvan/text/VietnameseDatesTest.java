package vn.danvan.text;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.LocalDate;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class VietnameseDatesTest {

  @ParameterizedTest(name = "[{index}] ''{0}'' → {1}")
  @CsvSource(
      delimiter = '|',
      value = {
        "05/03/2024 | 2024-03-05",
        "5/3/2024 | 2024-03-05",
        "05-03-2024 | 2024-03-05",
        "05.03.2024 | 2024-03-05",
        "2024-03-05 | 2024-03-05",
        "2024-03-05T00:00:00 | 2024-03-05",
        "ngày 05 tháng 3 năm 2024 | 2024-03-05",
        "Ngày 5 tháng 03 năm 2024 | 2024-03-05",
      })
  void readsDayFirstAndIsoDates(String cell, LocalDate expected) {
    assertThat(VietnameseDates.parse(cell).value()).as("'%s'", cell).isEqualTo(expected);
  }

  @ParameterizedTest(name = "[{index}] ''{0}'' is not a date")
  @CsvSource({"31/09/2022", "03/13/2024", "2024", "hôm qua", "05/03/24"})
  void refusesImpossibleOrIncompleteDates(String cell) {
    assertThat(VietnameseDates.parse(cell).problem()).as("'%s'", cell).isEqualTo("NOT_A_DATE");
  }
}
