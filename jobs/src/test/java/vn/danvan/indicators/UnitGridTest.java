package vn.danvan.indicators;

import static org.apache.spark.sql.functions.col;
import static org.assertj.core.api.Assertions.assertThat;

import java.time.LocalDate;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.junit.jupiter.api.Test;
import vn.danvan.job.JobContext;
import vn.danvan.job.Pipeline;
import vn.danvan.period.Period;
import vn.danvan.period.PeriodCalendar;
import vn.danvan.period.PeriodScheme;
import vn.danvan.reference.UnitDirectory;
import vn.danvan.testing.Gold;
import vn.danvan.testing.SharedSpark;
import vn.danvan.testing.TestProvince;

/**
 * District D1 moves from province P to province Q on 1 July 2020; its commune C11 keeps its one
 * row, C12 changes its name on 1 March 2021. A commune's figures for a period count for the
 * province its district lay in at the commune's latest state in the period.
 */
class UnitGridTest {

  private static final String UNITS =
      """
      unit_code,name,level,parent_code,valid_from,valid_to,em_region,em_share,population,em_population,population_year,figures_source
      P,Tỉnh Pê,province,,2000-01-01,,,,9000,0,2019,test
      Q,Tỉnh Quy,province,,2000-01-01,,,,9000,0,2019,test
      D1,Huyện Một,district,P,2000-01-01,2020-06-30,,,6000,0,2019,test
      D1,Huyện Một,district,Q,2020-07-01,,,,6000,0,2019,test
      D2,Huyện Hai,district,P,2000-01-01,,,,3000,0,2019,test
      C11,Xã Phố Ràng,commune,D1,2000-01-01,,,,3000,0,2019,test
      C12,Xã Bảo Hà,commune,D1,2000-01-01,2021-02-28,,,3000,0,2019,test
      C12,Xã Bảo Hà Mới,commune,D1,2021-03-01,,,,3000,0,2019,test
      C21,Xã Thanh Bình,commune,D2,2000-01-01,,,,3000,0,2019,test
      """;
  private static final String NO_LINEAGE = "from_code,to_code,effective_on,weight,note\n";
  private static final LocalDate TODAY = LocalDate.of(2021, 12, 31);

  @Test
  void aCommuneIsPlacedInTheProvinceItsDistrictLayInOnEachDay() {
    TestProvince province = TestProvince.create(UNITS, NO_LINEAGE);
    UnitDirectory units = province.context(TODAY).reference().units();

    assertThat(placements(units))
        .containsExactly(
            "C11 D1 P 2000-01-01..2020-06-30",
            "C11 D1 Q 2020-07-01..9999-12-31",
            "C12 D1 P 2000-01-01..2020-06-30",
            "C12 D1 Q 2020-07-01..2021-02-28",
            "C12 D1 Q 2021-03-01..9999-12-31",
            "C21 D2 P 2000-01-01..9999-12-31");

    Dataset<Row> grid =
        UnitGrid.grid(
            UnitGrid.communeVersions(SharedSpark.get(), units),
            PeriodCalendar.frame(
                SharedSpark.get(),
                List.of(Period.of("2020"), Period.of("2020-H1"), Period.of("2020-H2")),
                PeriodScheme.CALENDAR));
    Map<String, String> c11 = new TreeMap<>();
    for (Row r : grid.filter(col("commune_code").equalTo("C11")).collectAsList()) {
      c11.put(r.getAs("period_key"), r.getAs("province_code") + " " + r.getAs("exists_share"));
    }
    assertThat(c11)
        .as("the year takes its latest state; the commune existed all of it")
        .containsExactlyEntriesOf(
            new TreeMap<>(Map.of("2020", "Q 1.0", "2020-H1", "P 1.0", "2020-H2", "Q 1.0")));
  }

  @Test
  void aMovedDistrictsDialoguesCountForEachProvinceOnTheirDays() {
    TestProvince province = TestProvince.create(UNITS, NO_LINEAGE);
    String header =
        "Mã cuộc,Ngày tổ chức,Mã xã,Cấp chủ trì,Chủ trì,Hình thức,Số người tham dự,Số phiếu thu về,"
            + "Số phiếu hài lòng\n";
    province.write(
        "dialogues/D1/2020-Q2.csv", header + "A,05/05/2020,C11,Xã,Bí thư,Trực tiếp,50,40,30\n");
    province.write(
        "dialogues/D1/2020-Q3.csv",
        header
            + "B,05/08/2020,C11,Xã,Bí thư,Trực tiếp,50,40,30\n"
            + "C,06/08/2020,C12,Xã,Bí thư,Trực tiếp,50,40,30\n");
    JobContext ctx = province.context(TODAY);
    Pipeline.run(ctx, "run", TestProvince.TO_GOLD);

    assertThat(dialogues(ctx, "P", "2020-Q2")).isEqualTo(1.0);
    assertThat(dialogues(ctx, "P", "2020-Q3")).as("D1 had left P").isEqualTo(0.0);
    assertThat(dialogues(ctx, "Q", "2020-Q3")).isEqualTo(2.0);
    assertThat(dialogues(ctx, "P", "2020"))
        .as("a period goes by where the commune lay at its latest state in it, as for any change")
        .isEqualTo(0.0);
    assertThat(dialogues(ctx, "Q", "2020")).isEqualTo(3.0);
  }

  private static double dialogues(JobContext ctx, String unit, String period) {
    return Gold.row(ctx.warehouse(), "DLG_COUNT", "as_reported", unit, period)
        .<Double>getAs("value");
  }

  /** Each commune state as "code district province from..to", in order. */
  private static List<String> placements(UnitDirectory units) {
    return UnitGrid.communeVersions(SharedSpark.get(), units)
        .orderBy("commune_code", "valid_from")
        .collectAsList()
        .stream()
        .map(
            r ->
                String.join(
                    " ",
                    r.<String>getAs("commune_code"),
                    r.<String>getAs("district_code"),
                    r.<String>getAs("province_code"),
                    r.getAs("valid_from") + ".." + r.getAs("valid_to")))
        .toList();
  }
}
