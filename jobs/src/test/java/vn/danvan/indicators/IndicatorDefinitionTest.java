package vn.danvan.indicators;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.Test;
import vn.danvan.testing.TestProvince;
import vn.danvan.text.CsvTable;

class IndicatorDefinitionTest {

  @Test
  void onlyTheDeadlineIndicatorOfTheCatalogueReadsTheRunsDate() throws IOException {
    try (InputStream in =
        Files.newInputStream(TestProvince.repository().resolve("data/reference/indicators.csv"))) {
      List<String> dated =
          IndicatorDefinition.catalogue(CsvTable.read("indicators.csv", in)).stream()
              .filter(d -> d.reads(IndicatorSources.AS_OF_COLUMNS))
              .map(IndicatorDefinition::id)
              .toList();

      assertThat(dated).containsExactly("PET_ONTIME_RATE");
    }
  }

  /**
   * English packs name every unit in English; a catalogue written before the column {@code unit_en}
   * existed gives its one unit to both.
   */
  @Test
  void everyUnitHasItsEnglishWordAndAnOlderCatalogueKeepsItsOwn() throws IOException {
    try (InputStream in =
        Files.newInputStream(TestProvince.repository().resolve("data/reference/indicators.csv"))) {
      List<IndicatorDefinition> bundled =
          IndicatorDefinition.catalogue(CsvTable.read("indicators.csv", in));
      assertThat(bundled)
          .filteredOn(
              d -> List.of("DLG_COUNT", "OUT_EM_PER_1000", "DRV_VALUE_VND").contains(d.id()))
          .extracting(d -> d.id() + ": " + d.unit() + " → " + d.unitEn())
          .containsExactly(
              "DLG_COUNT: cuộc → dialogues",
              "OUT_EM_PER_1000: lượt người/1.000 người → person-visits/1,000 people",
              "DRV_VALUE_VND: đồng → VND");
      assertThat(bundled)
          .as("English units without Vietnamese letters")
          .allSatisfy(d -> assertThat(d.unitEn()).matches("[A-Za-z0-9%/,. -]+"));
    }
    String older =
        "id,name_vi,name_en,source,numerator,denominator,factor,unit,direction,default_target,"
            + "interval,min_denominator\n"
            + "A,a,a,dialogues,count(record_id),,1,cuộc,higher,,none,\n";
    IndicatorDefinition a =
        IndicatorDefinition.catalogue(
                CsvTable.read(
                    "indicators.csv",
                    new ByteArrayInputStream(older.getBytes(StandardCharsets.UTF_8))))
            .get(0);
    assertThat(List.of(a.unit(), a.unitEn())).containsExactly("cuộc", "cuộc");
  }

  @Test
  void aColumnIsReadWhereverItIsNamedButNotInsideAString() {
    String header =
        "id,name_vi,name_en,source,numerator,denominator,factor,unit,direction,default_target,"
            + "interval,min_denominator\n";
    String rows =
        header
            + "A,a,a,petitions,count(record_id),\"sum(CASE WHEN IS_DUE THEN 1 END)\",1,x,higher,,none,\n"
            + "B,b,b,petitions,\"count(CASE WHEN topic = 'is_due' THEN 1 END)\",,1,x,higher,,none,\n"
            + "C,c,c,petitions,\"sum(if(coalesce(is_due, false), 1, 0))\",,1,x,higher,,none,\n";
    List<IndicatorDefinition> catalogue =
        IndicatorDefinition.catalogue(
            CsvTable.read(
                "indicators.csv", new ByteArrayInputStream(rows.getBytes(StandardCharsets.UTF_8))));

    assertThat(catalogue)
        .extracting(d -> d.id() + "=" + d.reads(Set.of("is_due")))
        .containsExactly("A=true", "B=false", "C=true");
  }
}
