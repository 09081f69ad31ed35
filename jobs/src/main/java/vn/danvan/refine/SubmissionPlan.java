package vn.danvan.refine;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;
import vn.danvan.ops.FileLedger;
import vn.danvan.ops.LedgerEntry;

/**
 * Which file is each touched submission's current state: the latest by arrival (when the job first
 * saw it; then modification time; then path) among its readable files. Earlier files are superseded
 * wholly; the rows of a file that was current before are retracted.
 *
 * @param toRefine new current files, whose bronze rows refine reads
 * @param superseded files that were waiting for refine but a later file replaced
 * @param retracted files that were current and are no longer
 * @param touched the submissions this plan changes
 */
public record SubmissionPlan(
    List<LedgerEntry> toRefine,
    List<LedgerEntry> superseded,
    List<LedgerEntry> retracted,
    Set<String> touched) {

  private static final Comparator<LedgerEntry> ARRIVAL =
      Comparator.comparing(LedgerEntry::firstSeenAt)
          .thenComparing(LedgerEntry::modifiedAt)
          .thenComparing(LedgerEntry::sourceFile);

  /** The plan for every submission that has a file waiting in {@code entries}. */
  public static SubmissionPlan of(List<LedgerEntry> entries) {
    Map<String, List<LedgerEntry>> bySubmission =
        entries.stream()
            .filter(e -> e.submissionId() != null)
            .filter(e -> isReadable(e.status()))
            .collect(Collectors.groupingBy(LedgerEntry::submissionId));
    List<LedgerEntry> toRefine = new ArrayList<>();
    List<LedgerEntry> superseded = new ArrayList<>();
    List<LedgerEntry> retracted = new ArrayList<>();
    for (List<LedgerEntry> files : bySubmission.values()) {
      if (files.stream().noneMatch(e -> FileLedger.INGESTED.equals(e.status()))) {
        continue;
      }
      LedgerEntry current = files.stream().max(ARRIVAL).orElseThrow();
      for (LedgerEntry e : files) {
        if (e == current) {
          if (FileLedger.INGESTED.equals(e.status())) {
            toRefine.add(e);
          }
        } else if (FileLedger.INGESTED.equals(e.status())) {
          superseded.add(e);
        } else if (FileLedger.CURRENT.equals(e.status())) {
          retracted.add(e);
        }
      }
    }
    Set<String> touched =
        toRefine.stream().map(LedgerEntry::submissionId).collect(Collectors.toSet());
    superseded.forEach(e -> touched.add(e.submissionId()));
    return new SubmissionPlan(toRefine, superseded, retracted, touched);
  }

  /** True when nothing waits for refine. */
  public boolean isEmpty() {
    return touched.isEmpty();
  }

  /** Rows of the files refine reads. */
  public long rowsToRefine() {
    return toRefine.stream().mapToLong(LedgerEntry::rows).sum();
  }

  /** Rows of waiting files that a later file superseded before they reached silver. */
  public long rowsSuperseded() {
    return superseded.stream().mapToLong(LedgerEntry::rows).sum();
  }

  /** Rows of files that were current and are withdrawn from silver and quarantine. */
  public long rowsRetracted() {
    return retracted.stream().mapToLong(LedgerEntry::rows).sum();
  }

  private static boolean isReadable(String status) {
    return FileLedger.INGESTED.equals(status)
        || FileLedger.CURRENT.equals(status)
        || FileLedger.SUPERSEDED.equals(status);
  }
}
