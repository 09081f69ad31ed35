package vn.danvan.ingest;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class LandingFileTest {

  @ParameterizedTest(name = "[{index}] {0}")
  @CsvSource(
      delimiter = '|',
      value = {
        "dialogues/../../etc/2021-Q1.csv | the path must be relative and must not contain '..'",
        "dialogues/D1/../2021-Q1.csv     | the path must be relative and must not contain '..'",
        "../dialogues/D1/2021-Q1.csv     | the path must be relative and must not contain '..'",
        "/dialogues/D1/2021-Q1.csv       | the path must be relative and must not contain '..'",
        "dialogues\\D1\\2021-Q1.csv      | the path must be relative and must not contain '..'",
        "dialogues/D1/2021-Q1\u0007.csv  | the path contains control characters",
        "dialogues/D1\t/2021-Q1.csv      | the path contains control characters",
        "dialogues/D1/2021-Q1\u007f.csv  | the path contains control characters",
        "dialogues/D 1/2021-Q1.csv       | 'D 1' is not a unit code",
        "visits/D1/2021-Q1.csv           | 'visits' is not a record kind"
      })
  void unsafeOrUnknownNamesAreRejectedWithTheirReason(String path, String reason) {
    assertThatThrownBy(() -> LandingFile.parse(path))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageStartingWith(reason);
  }

  @ParameterizedTest(name = "[{index}] {0}")
  @CsvSource({
    "dialogues/D1/2021-Q1.csv, dialogues/D1/2021-Q1, csv",
    "models/X12/2025-H2 sửa lần 2.XLSX, models/X12/2025-H2, xlsx",
    "outreach/D1/2024..csv, outreach/D1/2024, csv"
  })
  void wellFormedNamesGiveTheirSubmission(String path, String submission, String format) {
    LandingFile file = LandingFile.parse(path);
    assertThat(file.submissionId()).isEqualTo(submission);
    assertThat(file.format()).isEqualTo(format);
  }
}
