package vn.danvan.reference;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.LocalDate;
import java.util.List;
import org.apache.hadoop.conf.Configuration;
import org.junit.jupiter.api.Test;
import vn.danvan.errors.DanvanException;
import vn.danvan.testing.TestProvince;
import vn.danvan.warehouse.Storage;

class ReferenceValidationTest {

  private static final LocalDate OPEN = LocalDate.MAX;

  @Test
  void theSampleProvinceIsConsistent() {
    ReferenceData sample =
        ReferenceData.load(
            new Storage(new Configuration()),
            TestProvince.repository().resolve("data/reference").toUri().toString());
    List<UnitVersion> units = sample.units().versions();
    assertThat(ReferenceValidation.problems(units, sample.lineage())).isEmpty();
  }

  @Test
  void namesEveryInconsistency() {
    List<UnitVersion> units =
        List.of(
            unit("P", "province", null, "2000-01-01", null),
            unit("D", "district", "P", "2000-01-01", "2020-12-31"),
            unit("A", "commune", "D", "2000-01-01", "2021-06-30"),
            unit("B", "commune", "D", "2000-01-01", "2020-12-31"),
            unit("N", "commune", "P", "2021-01-01", null),
            unit("M", "commune", "P", "2021-01-01", null));
    List<LineageLink> lineage =
        List.of(
            link("D", "P", "2021-01-01", 1),
            link("B", "N", "2021-01-01", 0.6),
            link("B", "M", "2021-01-01", 0.3),
            link("N", "M", "2021-01-01", 1),
            link("M", "N", "2021-01-01", 1));
    assertThat(ReferenceValidation.problems(units, lineage))
        .containsExactlyInAnyOrder(
            "units.csv: the parent D of A does not exist on 2021-01-01",
            "unit_lineage.csv: A closes on 2021-06-30 but has no successor from 2021-07-01",
            "unit_lineage.csv: the weights of B from 2021-01-01 sum to 0.9, not 1",
            "unit_lineage.csv: the lineage has a cycle: N → M → N");
  }

  @Test
  void aRunStopsOnInconsistentReferenceDataWithOneLine() {
    List<UnitVersion> units =
        List.of(
            unit("P", "province", null, "2000-01-01", null),
            unit("A", "commune", "P", "2000-01-01", "2020-12-31"));
    assertThatThrownBy(() -> ReferenceValidation.check(units, List.of()))
        .isInstanceOf(DanvanException.class)
        .hasMessage(
            "The reference data is inconsistent (1 problem(s)); fix data/reference and run again:"
                + " unit_lineage.csv: A closes on 2020-12-31 but has no successor from 2021-01-01");
  }

  private static UnitVersion unit(
      String code, String level, String parent, String from, String to) {
    return new UnitVersion(
        code,
        code,
        level,
        parent,
        LocalDate.parse(from),
        to == null ? OPEN : LocalDate.parse(to),
        null,
        null,
        null);
  }

  private static LineageLink link(String from, String to, String on, double weight) {
    return new LineageLink(from, to, LocalDate.parse(on), weight);
  }
}
