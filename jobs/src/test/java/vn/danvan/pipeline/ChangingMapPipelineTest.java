package vn.danvan.pipeline;

import static org.apache.spark.sql.functions.col;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;
import static vn.danvan.indicators.GoldScope.Extent.EVERYWHERE;
import static vn.danvan.indicators.GoldScope.Extent.PROVINCES;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.nio.file.Path;
import java.sql.Date;
import java.time.LocalDate;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.RowFactory;
import org.apache.spark.sql.types.DataTypes;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import vn.danvan.indicators.GoldScope;
import vn.danvan.indicators.IndicatorsStage;
import vn.danvan.indicators.UnitGrid;
import vn.danvan.job.JobContext;
import vn.danvan.job.Pipeline;
import vn.danvan.period.Period;
import vn.danvan.period.PeriodCalendar;
import vn.danvan.period.PeriodScheme;
import vn.danvan.publish.PublishStage;
import vn.danvan.testing.Gold;
import vn.danvan.testing.SharedSpark;
import vn.danvan.testing.TestProvince;
import vn.danvan.warehouse.TableName;
import vn.danvan.warehouse.Warehouse;

/**
 * The 2025 reorganisation on a small map: district D1 and province P close on 30/06/2025; communes
 * A and C merge into N and M, B splits half and half between them; the new province P2 has no
 * districts. B also leaves the ethnic-minority area on 15/06/2023. Province Q, untouched by the
 * reorganisation, shows what an incremental run leaves alone.
 */
class ChangingMapPipelineTest {

  /** The catalogue's indicators of dialogues and of the reporting rates. */
  private static final Set<String> DIALOGUE_INDICATORS =
      Set.of("DLG_COUNT", "DLG_PER_COMMUNE", "DLG_QUOTA_MET", "PET_ONSITE_RATE", "SAT_RATE");

  private static final Set<String> REPORTING_INDICATORS =
      Set.of("REP_COMPLETENESS", "REP_TIMELINESS");

  private static final String UNITS =
      """
      unit_code,name,level,parent_code,valid_from,valid_to,em_region,em_share,population,em_population,population_year,figures_source
      P,Tỉnh Cũ,province,,2000-01-01,2025-06-30,,,9000,5000,2019,test
      P2,Tỉnh Mới,province,,2025-07-01,,,,9000,5000,2019,test
      D1,Huyện Một,district,P,2000-01-01,2025-06-30,,,9000,5000,2019,test
      A,Xã An,commune,D1,2000-01-01,2025-06-30,III,0.9,3000,2700,2019,test
      B,Xã Bình,commune,D1,2000-01-01,2023-06-14,III,0.5,4000,2000,2019,test
      B,Xã Bình,commune,D1,2023-06-15,2025-06-30,,0.5,4000,2000,2019,test
      C,Xã Cát,commune,D1,2000-01-01,2025-06-30,I,0.1,2000,300,2019,test
      N,Xã Nam,commune,P2,2025-07-01,,III,0.7,5000,3700,2019,test
      M,Xã Minh,commune,P2,2025-07-01,,I,0.3,4000,1300,2019,test
      Q,Tỉnh Khác,province,,2000-01-01,,,,5000,0,2019,test
      DQ,Huyện Khác,district,Q,2000-01-01,,,,5000,0,2019,test
      Q1,Xã Khác Một,commune,DQ,2000-01-01,,,,2500,0,2019,test
      Q2,Xã Khác Hai,commune,DQ,2000-01-01,,,,2500,0,2019,test
      """;
  private static final String LINEAGE =
      """
      from_code,to_code,effective_on,weight,note
      A,N,2025-07-01,1,merger
      B,N,2025-07-01,0.5,split
      B,M,2025-07-01,0.5,split
      C,M,2025-07-01,1,merger
      D1,P2,2025-07-01,1,districts abolished
      P,P2,2025-07-01,1,provinces merged
      """;
  private static final String HEADER =
      "Mã cuộc,Ngày tổ chức,Mã xã,Cấp chủ trì,Chủ trì,Hình thức,Số người tham dự,Số phiếu thu về,Số phiếu hài lòng\n";

  private static final LocalDate TODAY = LocalDate.of(2025, 12, 31);
  private static final List<Pipeline.Stage> JOB = TestProvince.TO_GOLD;

  private static TestProvince province;
  private static Warehouse warehouse;

  @BeforeAll
  static void run() {
    province = TestProvince.create(UNITS, LINEAGE);
    province.write(
        "dialogues/D1/2025-Q2.csv",
        HEADER
            + "A-1,30/06/2025,A,Xã,Bí thư,Trực tiếp,150,100,90\n"
            + "B-1,15/05/2025,B,Xã,Bí thư,Trực tiếp,60,50,40\n"
            + "C-1,01/04/2025,C,Xã,Bí thư,Trực tiếp,30,20,18\n");
    province.write(
        "dialogues/N/2025-Q3.csv", HEADER + "N-1,01/07/2025,N,Xã,Bí thư,Trực tiếp,250,200,180\n");
    province.write(
        "dialogues/M/2025-Q3.csv", HEADER + "M-1,02/07/2025,M,Xã,Bí thư,Trực tiếp,12,10,9\n");
    province.write(
        "dialogues/DQ/2025-Q3.csv",
        HEADER
            + "Q-1,05/08/2025,Q1,Xã,Bí thư,Trực tiếp,40,30,27\n"
            + "Q-2,06/08/2025,Q2,Xã,Bí thư,Trực tiếp,40,30,15\n");
    JobContext ctx = province.context(TODAY);
    warehouse = ctx.warehouse();
    Pipeline.run(ctx, "run", JOB);
  }

  @Test
  void anIncrementalRunRecomputesOnlyTheProvincesItsSubmissionsReach() {
    // A late file from Q, inside the dates already reported: only Q's rows of 2025-Q2's periods.
    province.write(
        "dialogues/DQ/2025-Q2.csv", HEADER + "Q-0,12/05/2025,Q2,Xã,Bí thư,Trực tiếp,40,30,24\n");
    IndicatorsStage.Result q = incremental();
    // The dialogues' indicators, and the reporting rates its arrival changed: nothing else.
    assertThat(q.scope().parts())
        .extracting(GoldScope.Part::indicators)
        .containsExactly(DIALOGUE_INDICATORS, REPORTING_INDICATORS);
    assertThat(q.scope().periods(EVERYWHERE)).isEmpty();
    assertThat(q.scope().provinces()).containsExactly("Q");
    assertThat(q.scope().communes()).containsExactly("Q1", "Q2");
    assertThat(q.scope().periods(PROVINCES))
        .containsExactly(
            "2020..2025",
            "2021..2025",
            "2025",
            "2025-9M",
            "2025-H1",
            "2025-M04",
            "2025-M05",
            "2025-M06",
            "2025-Q2");
    assertThat(count("as_reported", "Q", "2025")).isEqualTo(3.0);
    assertThat(count("as_reported", "Q2", "2025-Q2")).isEqualTo(1.0);
    Gold.assertEqualsFullRecompute(province, TODAY);

    // A file from D1 before the reorganisation reaches P and P2, which took D1 over, and Q: the
    // first quarter reported for is now 2024-Q4, so DQ was expected to report for it too. That is
    // every province of this map, so its periods are recomputed everywhere, by period alone: the
    // phases, 2025's half, nine months and year, which hold 2025-Q1 (its reporting rates are new),
    // and, being the earliest dialogue, the periods ending from December 2024 to March 2025.
    province.write(
        "dialogues/D1/2024-Q4.csv", HEADER + "A-0,02/12/2024,A,Xã,Bí thư,Trực tiếp,20,10,10\n");
    IndicatorsStage.Result p = incremental();
    assertThat(p.scope().parts())
        .extracting(GoldScope.Part::indicators)
        .containsExactly(DIALOGUE_INDICATORS, REPORTING_INDICATORS);
    assertThat(p.scope().provinces()).isEmpty();
    assertThat(p.scope().periods(PROVINCES)).isEmpty();
    assertThat(
            Gold.row(warehouse, "REP_COMPLETENESS", "as_reported", "Q", "2024-Q4")
                .<Double>getAs("value"))
        .isEqualTo(0.0);
    assertThat(p.scope().periods(EVERYWHERE))
        .containsExactly(
            "2020..2025",
            "2021..2025",
            "2024",
            "2024-H2",
            "2024-M10",
            "2024-M11",
            "2024-M12",
            "2024-Q4",
            "2025",
            "2025-9M",
            "2025-H1",
            "2025-M01",
            "2025-M02",
            "2025-M03",
            "2025-Q1");
    assertThat(count("as_reported", "P", "2024-Q4")).isEqualTo(1.0);
    assertThat(count("restated", "N", "2024-Q4")).isEqualTo(1.0);
    assertThat(count("restated", "P2", "2024")).isEqualTo(1.0);
    assertThat(count("as_reported", "Q1", "2025-Q1")).isEqualTo(0.0);
    Gold.assertEqualsFullRecompute(province, TODAY);
  }

  @Test
  void aCorrectedArrivalRegisterRecomputesTheRatesItChangesThoughNoFileDid() {
    // DQ's 2025-Q3 file was first seen by the job long after its deadline; the commission's
    // register says it came in on 02/10/2025, in time.
    assertThat(timeliness("DQ", "2025-Q3")).isEqualTo(0.0);
    province.write(
        "_arrivals.csv", "source_file,received_on\ndialogues/DQ/2025-Q3.csv,02/10/2025\n");

    IndicatorsStage.Result r = incremental();

    assertThat(r.computed()).as("gold recomputed with no file new").isTrue();
    assertThat(r.scope().parts())
        .as("the reporting indicators only")
        .extracting(GoldScope.Part::indicators)
        .containsExactly(REPORTING_INDICATORS);
    assertThat(r.scope().periods(EVERYWHERE)).isEmpty();
    assertThat(r.scope().provinces()).containsExactly("Q");
    assertThat(timeliness("DQ", "2025-Q3")).isEqualTo(100.0);
    assertThat(timeliness("Q", "2025-Q3")).isEqualTo(100.0);
    Gold.assertEqualsFullRecompute(province, TODAY);

    // Corrections reaching every province recompute their periods everywhere, by period alone.
    province.write(
        "_arrivals.csv",
        "source_file,received_on\ndialogues/DQ/2025-Q3.csv,01/10/2025\n"
            + "dialogues/D1/2025-Q2.csv,03/07/2025\n");
    IndicatorsStage.Result all = incremental();
    assertThat(all.scope().parts())
        .extracting(GoldScope.Part::indicators)
        .containsExactly(REPORTING_INDICATORS);
    assertThat(all.scope().provinces()).isEmpty();
    assertThat(all.scope().periods(EVERYWHERE))
        .contains("2025-Q2", "2025-H1")
        .doesNotContain("2024-Q4");
    assertThat(timeliness("D1", "2025-Q2")).isEqualTo(100.0);
    Gold.assertEqualsFullRecompute(province, TODAY);
  }

  private static double timeliness(String unit, String period) {
    return Gold.row(warehouse, "REP_TIMELINESS", "as_reported", unit, period).getAs("value");
  }

  @Test
  void aPacksManifestNamesTheFilesOfItsProvincesTerritoryOnly() throws IOException {
    JobContext ctx = province.context(TODAY);
    new PublishStage(new PublishStage.Options(List.of("2025-Q3"), null, 72)).execute(ctx);

    Map<String, Set<String>> inputs = new TreeMap<>();
    for (String pack : List.of("2025-Q3-P2", "2025-Q3-Q")) {
      JsonNode manifest =
          new ObjectMapper().readTree(Path.of(ctx.out(), "review", pack, "manifest.json").toFile());
      Set<String> files = new TreeSet<>();
      manifest.get("input_files").fieldNames().forEachRemaining(files::add);
      inputs.put(pack, files);
    }
    // Q's packs count only DQ's files; P2's count D1's (its territory before 2025), N's and M's.
    assertThat(inputs.get("2025-Q3-Q"))
        .contains("dialogues/DQ/2025-Q3.csv")
        .allMatch(f -> f.startsWith("dialogues/DQ/"));
    assertThat(inputs.get("2025-Q3-P2"))
        .contains("dialogues/D1/2025-Q2.csv", "dialogues/N/2025-Q3.csv", "dialogues/M/2025-Q3.csv")
        .noneMatch(f -> f.startsWith("dialogues/DQ/"));
  }

  /** Ingests and refines what is new, then returns what the indicators stage recomputed. */
  private static IndicatorsStage.Result incremental() {
    JobContext ctx = province.context(TODAY);
    Pipeline.run(ctx, "run", List.of(Pipeline.Stage.INGEST, Pipeline.Stage.REFINE));
    return IndicatorsStage.incremental().execute(ctx);
  }

  @Test
  void dialoguesEitherSideOfTheReorganisationLandOnTheUnitsOfTheirDay() {
    Map<String, String> placed = new TreeMap<>();
    for (Row r :
        warehouse
            .read(TableName.silver("dialogues"))
            .select("record_id", "commune_code", "district_code", "province_code")
            .collectAsList()) {
      placed.put(r.getString(0), r.getString(1) + "/" + r.getString(2) + "/" + r.getString(3));
    }
    assertThat(placed).containsEntry("A-1", "A/D1/P").containsEntry("N-1", "N/null/P2");
    // As reported: the 30/06 dialogue counts for A, D1 and P; the 01/07 one for N and P2 only.
    assertThat(count("as_reported", "A", "2025-Q2")).isEqualTo(1.0);
    assertThat(count("as_reported", "D1", "2025-Q2")).isEqualTo(3.0);
    assertThat(count("as_reported", "P", "2025-Q2")).isEqualTo(3.0);
    assertThat(count("as_reported", "N", "2025-Q3")).isEqualTo(1.0);
    assertThat(count("as_reported", "P2", "2025-Q3")).isEqualTo(2.0);
    assertThat(
            warehouse
                .read(TableName.INDICATOR_VALUES)
                .filter(col("unit_code").equalTo("D1").and(col("period_key").equalTo("2025-Q3")))
                .count())
        .as("no district figures after the district level was abolished")
        .isZero();
    // Restated onto today's map: A's dialogue belongs to N, and B's is shared half and half.
    assertThat(count("restated", "N", "2025-Q2")).isEqualTo(1.5);
    assertThat(count("restated", "M", "2025-Q2")).isEqualTo(1.5);
    assertThat(count("restated", "N", "2025-Q3")).isEqualTo(1.0);
  }

  @Test
  void restatedTotalsConserveTheAsReportedProvinceTotals() {
    assertThat(count("restated", "P2", "2025-Q2")).isEqualTo(count("as_reported", "P", "2025-Q2"));
    assertThat(count("restated", "P2", "2025"))
        .isEqualTo(count("as_reported", "P", "2025") + count("as_reported", "P2", "2025"))
        .isEqualTo(5.0);
    Row reported = Gold.row(warehouse, "SAT_RATE", "as_reported", "P", "2025-Q2");
    Row restated = Gold.row(warehouse, "SAT_RATE", "restated", "P2", "2025-Q2");
    assertThat(restated.<Double>getAs("numerator"))
        .isEqualTo(reported.<Double>getAs("numerator"))
        .isEqualTo(148.0);
    assertThat(restated.<Double>getAs("denominator"))
        .isEqualTo(reported.<Double>getAs("denominator"))
        .isEqualTo(170.0);
    Row n = Gold.row(warehouse, "SAT_RATE", "restated", "N", "2025-Q2");
    assertThat(n.<Double>getAs("numerator")).isEqualTo(110.0);
    assertThat(n.<Double>getAs("denominator")).isEqualTo(125.0);
    assertThat(n.<Double>getAs("value")).isCloseTo(88.0, within(1e-9));
  }

  @Test
  void aCommuneCountsAsEthnicMinorityAreaOnlyForTheDaysItWasOne() {
    JobContext ctx = province.context(TODAY);
    Dataset<Row> versions = UnitGrid.communeVersions(SharedSpark.get(), ctx.reference().units());
    Dataset<Row> grid =
        UnitGrid.grid(
            versions,
            PeriodCalendar.frame(
                SharedSpark.get(),
                List.of(Period.of("2023"), Period.of("2023-Q2"), Period.of("2023-Q3")),
                PeriodScheme.CALENDAR));
    Map<String, Double> share = new TreeMap<>();
    for (Row r : grid.filter(col("commune_code").equalTo("B")).collectAsList()) {
      share.put(r.getAs("period_key"), r.getAs("em_area_share"));
    }
    // 1 January to 14 June 2023 is 165 of 365 days; 1 April to 14 June is 75 of 91.
    assertThat(share.get("2023")).isCloseTo(165.0 / 365, within(1e-12));
    assertThat(share.get("2023-Q2")).isCloseTo(75.0 / 91, within(1e-12));
    assertThat(share.get("2023-Q3")).isEqualTo(0.0);
    Dataset<Row> records =
        SharedSpark.get()
            .createDataFrame(
                List.of(
                    RowFactory.create("B", Date.valueOf("2023-06-14")),
                    RowFactory.create("B", Date.valueOf("2023-06-15"))),
                DataTypes.createStructType(
                    List.of(
                        DataTypes.createStructField("commune_code", DataTypes.StringType, false),
                        DataTypes.createStructField("record_date", DataTypes.DateType, false))));
    List<Boolean> inArea =
        UnitGrid.withEmArea(records, versions)
            .orderBy("record_date")
            .select("in_em_area")
            .as(org.apache.spark.sql.Encoders.BOOLEAN())
            .collectAsList();
    assertThat(inArea).containsExactly(true, false);
  }

  private static double count(String basis, String unit, String period) {
    return Gold.row(warehouse, "DLG_COUNT", basis, unit, period).<Double>getAs("value");
  }
}
