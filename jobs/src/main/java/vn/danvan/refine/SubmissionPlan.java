package vn.danvan.refine;

import java.time.LocalDate;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Comparator;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;
import vn.danvan.ops.FileLedger;
import vn.danvan.ops.LedgerEntry;
import vn.danvan.period.Period;
import vn.danvan.period.PeriodScheme;
import vn.danvan.schema.RecordKind;
import vn.danvan.schema.RecordKinds;

/**
 * Which file is each touched submission's current state: the latest by arrival (when the job first
 * saw it; among files first seen together, a suffixed name after the plain one, then by name) among
 * its readable files. Earlier files are superseded wholly; the rows of a file that was current
 * before are retracted.
 *
 * @param toRefine new current files, whose bronze rows refine reads
 * @param superseded files that were waiting for refine but a later file replaced
 * @param retracted files that were current and are no longer
 * @param rechecked current files refined again because the records they refer to may have changed
 *     (the petitions of a reporting unit whose dialogues were resubmitted; see {@link #of}); refine
 *     leaves out those whose records turn out to be placed as before ({@link #withoutRechecks})
 * @param touched the submissions this plan changes
 * @param recorded the files the ledger records as current for the touched submissions: those whose
 *     rows silver and quarantine hold, unless a refine that wrote them died before recording its
 *     outcome
 */
public record SubmissionPlan(
    List<LedgerEntry> toRefine,
    List<LedgerEntry> superseded,
    List<LedgerEntry> retracted,
    List<LedgerEntry> rechecked,
    Set<String> touched,
    List<LedgerEntry> recorded) {

  // Files first seen in the same run: the plain name (2023-Q2.csv) before any suffixed one
  // (2023-Q2-sua.csv), then by name; checkout and copy times are not an order anyone chose.
  private static final Comparator<LedgerEntry> ARRIVAL =
      Comparator.comparing(LedgerEntry::firstSeenAt)
          .thenComparing(SubmissionPlan::hasSuffix)
          .thenComparing(LedgerEntry::sourceFile)
          .thenComparing(LedgerEntry::modifiedAt);

  /**
   * Which of {@code files}' submissions have rows in quarantine (others may come along); asked only
   * when a dependent file might be left out of the re-check.
   */
  @FunctionalInterface
  public interface Quarantined {
    Set<String> submissions(List<LedgerEntry> files);
  }

  /**
   * The plan for every submission that has a file waiting in {@code entries}, periods cut by {@code
   * scheme}. A petition is placed through the latest dialogue of its unit held on or before the day
   * it was raised, and a petition in silver was raised inside its file's period: so a changed
   * dialogues submission can change only the petitions files of its unit whose period ends on or
   * after the submission's period starts, and those holding quarantined rows (whose dates no period
   * bounds). A later quarter's dialogues leave the earlier quarters' petitions as they are.
   */
  public static SubmissionPlan of(
      List<LedgerEntry> entries, PeriodScheme scheme, Quarantined quarantined) {
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
    List<LedgerEntry> changed = new ArrayList<>(toRefine);
    changed.addAll(superseded);
    List<LedgerEntry> rechecked = dependents(entries, changed, touched, scheme, quarantined);
    rechecked.forEach(e -> touched.add(e.submissionId()));
    List<LedgerEntry> recorded =
        entries.stream()
            .filter(e -> FileLedger.CURRENT.equals(e.status()))
            .filter(e -> touched.contains(e.submissionId()))
            .toList();
    return new SubmissionPlan(toRefine, superseded, retracted, rechecked, touched, recorded);
  }

  /**
   * Current files of kinds that refer to records of a {@code changed} file's submission of the same
   * unit, and that can hold a row referring to one of them (see {@link #of}).
   */
  private static List<LedgerEntry> dependents(
      List<LedgerEntry> entries,
      List<LedgerEntry> changed,
      Set<String> touched,
      PeriodScheme scheme,
      Quarantined quarantined) {
    // The kind and unit of each changed submission → the day its earliest period starts.
    Map<Source, LocalDate> changedFrom = new HashMap<>();
    for (LedgerEntry e : changed) {
      LocalDate start = Period.parse(e.periodKey()).map(p -> p.start(scheme)).orElse(LocalDate.MIN);
      changedFrom.merge(
          new Source(e.kind(), e.reportingUnit()), start, (a, b) -> a.isBefore(b) ? a : b);
    }
    List<LedgerEntry> candidates = new ArrayList<>();
    List<LedgerEntry> earlier = new ArrayList<>();
    for (LedgerEntry e : entries) {
      if (!FileLedger.CURRENT.equals(e.status()) || touched.contains(e.submissionId())) {
        continue;
      }
      RecordKind kind = RecordKinds.find(e.kind()).orElse(null);
      LocalDate from =
          kind == null || kind.namesCommune()
              ? null
              : changedFrom.get(new Source(kind.unitSource(), e.reportingUnit()));
      if (from == null) {
        continue;
      }
      candidates.add(e);
      boolean endsBefore =
          Period.parse(e.periodKey()).map(p -> p.end(scheme).isBefore(from)).orElse(false);
      if (endsBefore) {
        earlier.add(e);
      }
    }
    if (earlier.isEmpty()) {
      return candidates;
    }
    Set<String> withQuarantine = quarantined.submissions(earlier);
    Set<LedgerEntry> leftOut =
        earlier.stream()
            .filter(e -> !withQuarantine.contains(e.submissionId()))
            .collect(Collectors.toSet());
    return candidates.stream().filter(e -> !leftOut.contains(e)).toList();
  }

  /** A kind's submissions from one reporting unit. */
  private record Source(String kind, String reportingUnit) {}

  /**
   * This plan without the re-check of {@code left}, files of {@link #rechecked} that the records
   * they refer to turned out to leave as they are.
   */
  public SubmissionPlan withoutRechecks(Collection<LedgerEntry> left) {
    if (left.isEmpty()) {
      return this;
    }
    Set<LedgerEntry> leftOut = Set.copyOf(left);
    Set<String> stillTouched = new HashSet<>(touched);
    leftOut.forEach(e -> stillTouched.remove(e.submissionId()));
    return new SubmissionPlan(
        toRefine,
        superseded,
        retracted,
        rechecked.stream().filter(e -> !leftOut.contains(e)).toList(),
        stillTouched,
        recorded.stream().filter(e -> stillTouched.contains(e.submissionId())).toList());
  }

  /** True when nothing waits for refine. */
  public boolean isEmpty() {
    return touched.isEmpty();
  }

  /** Rows of the files refine reads. */
  public long rowsToRefine() {
    return toRefine.stream().mapToLong(LedgerEntry::rows).sum();
  }

  /** Rows of current files refined again. */
  public long rowsRechecked() {
    return rechecked.stream().mapToLong(LedgerEntry::rows).sum();
  }

  /** Rows of waiting files that a later file superseded before they reached silver. */
  public long rowsSuperseded() {
    return superseded.stream().mapToLong(LedgerEntry::rows).sum();
  }

  /** Rows of files that were current and are withdrawn from silver and quarantine. */
  public long rowsRetracted() {
    return retracted.stream().mapToLong(LedgerEntry::rows).sum();
  }

  private static boolean hasSuffix(LedgerEntry e) {
    String name = e.sourceFile().substring(e.sourceFile().lastIndexOf('/') + 1);
    return !name.substring(0, name.lastIndexOf('.')).equalsIgnoreCase(e.periodKey());
  }

  private static boolean isReadable(String status) {
    return FileLedger.INGESTED.equals(status)
        || FileLedger.CURRENT.equals(status)
        || FileLedger.SUPERSEDED.equals(status);
  }
}
