package vn.danvan.text;

import static org.assertj.core.api.Assertions.assertThat;

import java.math.BigDecimal;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class VietnameseNumbersTest {

  @ParameterizedTest(name = "[{index}] count ''{0}'' → {1}")
  @CsvSource(
      delimiter = '|',
      value = {
        "2.358 | 2358",
        "1.778.785 người | 1778785",
        "188.640 lượt người | 188640",
        "1,500 | 1500",
        "1 234 | 1234",
        "42 | 42",
        "10 tỷ | 10000000000",
        "1.458 tỷ đồng | 1458000000000",
        "2,5 triệu | 2500000",
      })
  void readsWholeNumbersTheWayDistrictsWriteThem(String cell, String expected) {
    Parsed<BigDecimal> parsed = VietnameseNumbers.parse(cell, true, NumberConvention.UNKNOWN);
    assertThat(parsed.problem()).as("problem reading '%s'", cell).isNull();
    assertThat(parsed.value()).as("value of '%s'", cell).isEqualByComparingTo(expected);
  }

  @ParameterizedTest(name = "[{index}] decimal ''{0}'' under {1} → {2}")
  @CsvSource(
      delimiter = '|',
      value = {
        "64,09 | UNKNOWN | 64.09",
        "13.256,92 | UNKNOWN | 13256.92",
        "12.5 | UNKNOWN | 12.5",
        "1.500 | VIETNAMESE | 1500",
        "1.500 | ENGLISH | 1.5",
        "1,500 | VIETNAMESE | 1.5",
        "0,500 | UNKNOWN | 0.5",
      })
  void readsDecimalsWithTheFilesConvention(
      String cell, NumberConvention convention, String expected) {
    Parsed<BigDecimal> parsed = VietnameseNumbers.parse(cell, false, convention);
    assertThat(parsed.problem()).as("problem reading '%s'", cell).isNull();
    assertThat(parsed.value()).as("value of '%s'", cell).isEqualByComparingTo(expected);
  }

  @ParameterizedTest(name = "[{index}] ''{0}'' is refused as {2}")
  @CsvSource(
      delimiter = '|',
      value = {
        "1.500 | false | AMBIGUOUS_NUMBER",
        "1,500 | false | AMBIGUOUS_NUMBER",
        "12,5 | true | NOT_WHOLE",
        "khoảng 100 | true | NOT_A_NUMBER",
        "64,09% | false | NOT_A_NUMBER",
      })
  void refusesWhatOnlyAGuessCouldRead(String cell, boolean whole, String problem) {
    assertThat(VietnameseNumbers.parse(cell, whole, NumberConvention.UNKNOWN).problem())
        .as("reading '%s'", cell)
        .isEqualTo(problem);
  }

  @ParameterizedTest(name = "[{index}] cells {0} → {1}")
  @CsvSource(
      delimiter = '|',
      value = {
        "64,09;2.358 | VIETNAMESE",
        "1.778.785;12 | VIETNAMESE",
        "12.5;3 | ENGLISH",
        "1,234,567 | ENGLISH",
        "1.500;2,500 | UNKNOWN",
        "64,09;12.5 | MIXED",
      })
  void tellsAFilesConventionFromItsCells(String cells, NumberConvention expected) {
    NumberConvention.Detector detector = new NumberConvention.Detector();
    for (String cell : cells.split(";")) {
      detector.accept(cell);
    }
    assertThat(detector.result()).isEqualTo(expected);
  }
}
