package vn.danvan.refine;

import static org.assertj.core.api.Assertions.assertThat;

import java.sql.Timestamp;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;
import org.junit.jupiter.api.Test;
import vn.danvan.ops.FileLedger;
import vn.danvan.ops.LedgerEntry;
import vn.danvan.period.PeriodScheme;

/**
 * Which current petitions files a changed dialogues submission sends back through refine: a
 * petition is placed through a dialogue of its unit held on or before the day it was raised, so
 * only the files of periods ending on or after the dialogues' period starts can change — and those
 * holding quarantined rows, whose dates no period bounds.
 */
class SubmissionPlanTest {

  private static final Timestamp EARLIER = Timestamp.valueOf("2026-07-01 08:00:00");
  private static final Timestamp NOW = Timestamp.valueOf("2026-10-05 08:00:00");

  @Test
  void aLaterQuartersDialoguesLeaveTheEarlierPetitionsAlone() {
    Set<String> asked = new TreeSet<>();
    SubmissionPlan plan =
        SubmissionPlan.of(
            List.of(
                current("dialogues/D1/2026-Q2.csv"),
                current("petitions/D1/2026-Q1.csv"),
                current("petitions/D1/2026-Q2.csv"),
                current("petitions/D2/2026-Q3.csv"),
                ingested("dialogues/D1/2026-Q3.csv")),
            PeriodScheme.CALENDAR,
            files -> {
              files.forEach(f -> asked.add(f.kind() + "/" + f.reportingUnit()));
              return Set.of();
            });

    assertThat(plan.rechecked())
        .as("D1's petitions of earlier quarters, D2's of another unit")
        .isEmpty();
    assertThat(plan.touched()).containsExactly("dialogues/D1/2026-Q3");
    assertThat(asked)
        .as("the quarantine is asked about the unit's earlier files")
        .containsExactly("petitions/D1");
  }

  @Test
  void aResubmittedQuarterRechecksItsPetitionsAndTheLaterOnes() {
    SubmissionPlan plan =
        SubmissionPlan.of(
            List.of(
                current("dialogues/D1/2026-Q2.csv"),
                ingested("dialogues/D1/2026-Q2-sua.csv"),
                current("petitions/D1/2026-Q1.csv"),
                current("petitions/D1/2026-Q2.csv"),
                current("petitions/D1/2026-Q3.csv"),
                current("petitions/D1/2026.csv")),
            PeriodScheme.CALENDAR,
            files -> Set.of());

    assertThat(plan.rechecked())
        .extracting(LedgerEntry::sourceFile)
        .containsExactly(
            "petitions/D1/2026-Q2.csv", "petitions/D1/2026-Q3.csv", "petitions/D1/2026.csv");
    assertThat(plan.recorded())
        .as("the files silver holds the touched submissions' rows from, as the ledger records")
        .extracting(LedgerEntry::sourceFile)
        .containsExactly(
            "dialogues/D1/2026-Q2.csv",
            "petitions/D1/2026-Q2.csv",
            "petitions/D1/2026-Q3.csv",
            "petitions/D1/2026.csv");
  }

  @Test
  void anEarlierFileWithQuarantinedRowsIsRecheckedToo() {
    SubmissionPlan plan =
        SubmissionPlan.of(
            List.of(
                current("petitions/D1/2026-Q1.csv"),
                current("petitions/D1/2026-Q2.csv"),
                ingested("dialogues/D1/2026-Q3.csv")),
            PeriodScheme.CALENDAR,
            files -> Set.of("petitions/D1/2026-Q1"));

    assertThat(plan.rechecked())
        .extracting(LedgerEntry::sourceFile)
        .containsExactly("petitions/D1/2026-Q1.csv");
    assertThat(plan.touched())
        .containsExactlyInAnyOrder("dialogues/D1/2026-Q3", "petitions/D1/2026-Q1");
  }

  @Test
  void underTheReportingRegimeAQuarterEndsOnThe14th() {
    // Regime windows: 2026-Q2 is 15/03..14/06, 2026-Q3 15/06..14/09; they do not overlap either.
    SubmissionPlan plan =
        SubmissionPlan.of(
            List.of(current("petitions/D1/2026-Q2.csv"), ingested("dialogues/D1/2026-Q3.csv")),
            PeriodScheme.REGIME,
            files -> Set.of());

    assertThat(plan.rechecked()).isEmpty();
  }

  private static LedgerEntry current(String path) {
    return entry(path, FileLedger.CURRENT, EARLIER, "20260701T010000Z-aaaaaa");
  }

  private static LedgerEntry ingested(String path) {
    return entry(path, FileLedger.INGESTED, NOW, null);
  }

  private static LedgerEntry entry(String path, String status, Timestamp seen, String refined) {
    String[] parts = path.split("/");
    String name = parts[2].substring(0, parts[2].length() - ".csv".length());
    String period = name.endsWith("-sua") ? name.substring(0, name.length() - 4) : name;
    return new LedgerEntry(
        path,
        "sha256:" + path.hashCode(),
        parts[0],
        parts[1],
        period,
        parts[0] + "/" + parts[1] + "/" + period,
        100,
        seen,
        seen,
        "run-" + seen.getTime(),
        status,
        2,
        "UTF-8",
        "vi",
        null,
        null,
        refined);
  }
}
