package vn.danvan.reference;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.LocalDate;
import org.apache.hadoop.conf.Configuration;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import vn.danvan.testing.TestProvince;
import vn.danvan.warehouse.Storage;

/** Resolving the units records name, on the sample province's real map. */
class UnitDirectoryTest {

  private static final UnitDirectory UNITS =
      ReferenceData.load(
              new Storage(new Configuration()),
              TestProvince.repository().resolve("data/reference").toUri().toString())
          .units();

  @Test
  void theProvincesAreEveryUnitEverAtThatLevel() {
    // Old Lào Cai, and the province the 2025 reorganisation made of it and Yên Bái.
    assertThat(UNITS.codesAt(UnitDirectory.PROVINCE)).containsExactly("LC", "LC25");
  }

  @ParameterizedTest(name = "[{index}] ''{0}'' in a {2} file on {1} → {3}")
  @CsvSource({
    "Xã Xuân Hòa, 2021-03-01, BY, BY03",
    "xuan hoa, 2021-03-01, BY, BY03",
    "Xuân Hoà, 2021-03-01, BY, BY03",
    "TT Phố Ràng, 2021-03-01, BY, BY01",
    "Thị trấn Phố Ràng, 2021-03-01, BY, BY01",
    "Pho Rang, 2021-03-01, BY, BY01",
    // Thanh Bình is a commune of Mường Khương and of Sa Pa: the file's district decides.
    "Thanh Bình, 2021-03-01, MK, MK14",
    "Thanh Bình, 2021-03-01, SP, SP15",
    // Long Phúc was merged into Phúc Khánh on 01/01/2020: its old name still places the record.
    "Long Phúc, 2021-03-01, BY, BY18",
    "Long Phúc, 2019-03-01, BY, BY16",
    // After 01/07/2025 communes report for themselves.
    "Xã Bảo Yên, 2025-08-01, X019, X019",
  })
  void resolvesNamesAsDistrictsWriteThem(String name, LocalDate on, String reporter, String code) {
    UnitResolution r = UNITS.resolveName(name, on, reporter);
    assertThat(r.problem()).as("problem resolving '%s'", name).isNull();
    assertThat(r.unit().code()).as("'%s'", name).isEqualTo(code);
  }

  @Test
  void aMisspeltNameIsRefusedWithTheCloseCandidates() {
    UnitResolution r = UNITS.resolveName("Phố Rang Xuân", LocalDate.of(2021, 3, 1), "BY");
    assertThat(r.problem()).isEqualTo("UNKNOWN_UNIT");
    UnitResolution close = UNITS.resolveName("Xuân Hoàng", LocalDate.of(2021, 3, 1), "BY");
    assertThat(close.problem()).isEqualTo("UNKNOWN_UNIT");
    assertThat(close.detail())
        .isEqualTo("(BY, 2021-03-01); did you mean / có phải: Xã Xuân Hòa [BY03, BY]");
  }

  @Test
  void aCommuneOfAnotherDistrictIsRefusedNamingWhereItLies() {
    UnitResolution r = UNITS.resolveName("Xã Bảo Hà", LocalDate.of(2022, 9, 1), "MK");
    assertThat(r.problem()).isEqualTo("UNIT_OUTSIDE_REPORTING_UNIT");
    assertThat(r.detail()).isEqualTo("MK; Xã Bảo Hà [BY02, BY]");
  }

  @Test
  void aCommuneThatDidNotExistYetIsRefusedWithItsValidity() {
    UnitResolution r = UNITS.resolveName("Xã Phúc Khánh", LocalDate.of(2019, 6, 1), "BY");
    assertThat(r.problem()).isEqualTo("UNIT_NOT_VALID_ON_DATE");
    assertThat(r.detail()).startsWith("2019-06-01 (").contains("BY18 2020-01-01..2025-06-30");
  }

  @Test
  void codesResolveOnlyToCommunes() {
    assertThat(UNITS.resolveCode("BY02", LocalDate.of(2022, 1, 1), "BY").unit().name())
        .isEqualTo("Xã Bảo Hà");
    assertThat(UNITS.resolveCode("BY", LocalDate.of(2022, 1, 1), "BY").problem())
        .isEqualTo("UNKNOWN_UNIT");
    assertThat(UNITS.resolveCode("ZZ99", LocalDate.of(2022, 1, 1), "BY").problem())
        .isEqualTo("UNKNOWN_UNIT");
  }

  @Test
  void parentsAreThoseOfTheDate() {
    assertThat(UNITS.ancestor("BY03", "district", LocalDate.of(2025, 6, 30)).orElseThrow().code())
        .isEqualTo("BY");
    assertThat(UNITS.ancestor("BY03", "province", LocalDate.of(2025, 6, 30)).orElseThrow().code())
        .isEqualTo("LC");
    assertThat(UNITS.ancestor("X022", "district", LocalDate.of(2025, 7, 1))).isEmpty();
    assertThat(UNITS.ancestor("X022", "province", LocalDate.of(2025, 7, 1)).orElseThrow().code())
        .isEqualTo("LC25");
    assertThat(UNITS.on("SP", LocalDate.of(2019, 12, 31)).orElseThrow().name())
        .isEqualTo("Huyện Sa Pa");
    assertThat(UNITS.on("SP", LocalDate.of(2020, 1, 1)).orElseThrow().name())
        .isEqualTo("Thị xã Sa Pa");
  }
}
