package vn.danvan.publish;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.LocalDate;
import java.util.List;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import vn.danvan.job.JobContext;
import vn.danvan.job.Pipeline;
import vn.danvan.period.Period;
import vn.danvan.testing.TestProvince;

/**
 * A pack counts the models in the state each held at its period's end: the periods of one publish
 * are read together, each as of its own end.
 */
class PackModelsTest {

  private static final LocalDate TODAY = LocalDate.of(2024, 7, 10);
  private static final String HEADER =
      "record_id,commune_code,name,holder_type,field,registered_on,status,status_on,"
          + "recognition_level\n";

  private static TestProvince province;

  @BeforeAll
  static void twoQuartersOfModels() {
    province = TestProvince.tiny();
    province.write(
        "models/D1/2024-Q1.csv",
        HEADER
            + "M1,C11,Mô hình một,collective,economy,10/01/2024,registered,,\n"
            + "M2,C12,Mô hình hai,individual,culture_society,15/02/2024,registered,,\n");
    province.write(
        "models/D1/2024-Q2.csv",
        HEADER
            + "M1,C11,Mô hình một,collective,economy,10/01/2024,recognised,10/05/2024,district\n"
            + "M3,C11,Mô hình ba,individual,economy,01/06/2024,registered,,\n");
    Pipeline.run(province.context(TODAY), "run", TestProvince.TO_GOLD);
  }

  @Test
  void eachPeriodCountsTheModelsAsTheyStoodAtItsEnd() {
    JobContext ctx = province.context(TODAY);
    PackReader reader = new PackReader(ctx);
    Period q1 = Period.of("2024-Q1");
    Period q2 = Period.of("2024-Q2");
    reader.readAhead(List.of(q1, q2));

    assertThat(reader.read(q1, "P").models())
        .containsExactly(
            new PackData.ModelCount("culture_society", false, false, 1),
            new PackData.ModelCount("economy", true, false, 1));
    assertThat(reader.read(q2, "P").models())
        .as("M1 recognised in May, M3 registered in June")
        .containsExactly(
            new PackData.ModelCount("culture_society", false, false, 1),
            new PackData.ModelCount("economy", false, false, 1),
            new PackData.ModelCount("economy", true, true, 1));
  }
}
