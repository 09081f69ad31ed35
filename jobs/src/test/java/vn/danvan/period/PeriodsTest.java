package vn.danvan.period;

import static org.assertj.core.api.Assertions.assertThat;

import java.sql.Date;
import java.time.LocalDate;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.RowFactory;
import org.apache.spark.sql.types.DataTypes;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import vn.danvan.testing.SharedSpark;

class PeriodsTest {

  @ParameterizedTest(name = "[{index}] {0} under {1} → {2}")
  @CsvSource({
    // The regime cuts quarters on the 15th: 20/03 already belongs to the second quarter.
    "2021-03-20, CALENDAR, 2021-Q1",
    "2021-03-20, REGIME, 2021-Q2",
    "2021-03-14, REGIME, 2021-Q1",
    "2021-12-15, REGIME, 2022-Q1",
    "2021-12-14, REGIME, 2021-Q4",
  })
  void aDateFallsInTheQuarterOfItsScheme(LocalDate date, PeriodScheme scheme, String quarter) {
    assertThat(Period.of(quarter).contains(date, scheme)).as("%s in %s", date, quarter).isTrue();
    assertThat(Period.of(quarter).previous().contains(date, scheme)).isFalse();
    assertThat(keysOf(date, scheme).get("quarter")).isEqualTo(quarter);
  }

  @Test
  void regimeWindowsRunFromThe15thToThe14th() {
    Period h1 = Period.of("2021-H1");
    assertThat(h1.start(PeriodScheme.REGIME)).isEqualTo(LocalDate.of(2020, 12, 15));
    assertThat(h1.end(PeriodScheme.REGIME)).isEqualTo(LocalDate.of(2021, 6, 14));
    assertThat(Period.of("2021").start(PeriodScheme.REGIME)).isEqualTo(LocalDate.of(2020, 12, 15));
    assertThat(Period.of("2021-M03").end(PeriodScheme.REGIME)).isEqualTo(LocalDate.of(2021, 3, 14));
    assertThat(Period.of("2021-9M").end(PeriodScheme.CALENDAR))
        .isEqualTo(LocalDate.of(2021, 9, 30));
  }

  @Test
  void everyRecordGetsEveryPeriodOfItsDateAndTheMatchingPhases() {
    assertThat(keysOf(LocalDate.of(2020, 8, 31), PeriodScheme.CALENDAR))
        .containsExactlyEntriesOf(
            new TreeMap<>(
                Map.of(
                    "month", "2020-M08",
                    "quarter", "2020-Q3",
                    "half", "2020-H2",
                    "ytd9", "2020-9M",
                    "year", "2020",
                    "phase", "2018..2020|2020..2025")));
    assertThat(keysOf(LocalDate.of(2020, 10, 1), PeriodScheme.CALENDAR)).doesNotContainKey("ytd9");
  }

  @Test
  void periodKeysParseAndStepBack() {
    assertThat(Period.of("2021-Q1").previous().key()).isEqualTo("2020-Q4");
    assertThat(Period.of("2021-M01").previous().key()).isEqualTo("2020-M12");
    assertThat(Period.of("2021-H1").yearEarlier().key()).isEqualTo("2020-H1");
    assertThat(Period.of("2018..2020").previous().key()).isEqualTo("2015..2017");
    assertThat(Period.parse("2021-Q5")).isEmpty();
  }

  private static Map<String, String> keysOf(LocalDate date, PeriodScheme scheme) {
    Dataset<Row> one =
        SharedSpark.get()
            .createDataFrame(
                List.of(RowFactory.create(Date.valueOf(date))),
                DataTypes.createStructType(
                    List.of(DataTypes.createStructField("d", DataTypes.DateType, false))));
    Map<String, String> keys = new TreeMap<>();
    for (Row r :
        PeriodColumns.withPeriods(
                one, "d", scheme, List.of(Period.phase(2018, 2020), Period.phase(2020, 2025)))
            .collectAsList()) {
      keys.merge(r.getAs("period_type"), r.getAs("period_key"), (a, b) -> a + "|" + b);
    }
    return keys;
  }
}
