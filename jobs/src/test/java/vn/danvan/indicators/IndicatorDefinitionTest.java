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
