package vn.danvan.ops;

import static org.apache.spark.sql.functions.col;

import java.sql.Timestamp;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.Callable;
import java.util.stream.Collectors;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import vn.danvan.job.Parallel;
import vn.danvan.warehouse.Storage;
import vn.danvan.warehouse.TableName;
import vn.danvan.warehouse.Warehouse;

/** The {@code ops.files} ledger at one version of the table, and its writes. */
public final class Ledger {

  static final Ledger EMPTY = new Ledger(List.of());

  private final List<LedgerEntry> entries;
  private final Map<String, List<LedgerEntry>> byPath;

  private Ledger(List<LedgerEntry> entries) {
    this.entries = entries;
    this.byPath = entries.stream().collect(Collectors.groupingBy(LedgerEntry::sourceFile));
  }

  /** The ledger as it was at {@code version} of the table ({@link RunLedger} reads it). */
  static Ledger read(Warehouse warehouse, long version) {
    return of(warehouse.readVersion(TableName.FILES, version));
  }

  /** The ledger {@code rows} of {@code ops.files} hold, collected to the driver. */
  public static Ledger of(Dataset<Row> rows) {
    List<LedgerEntry> entries = new ArrayList<>();
    for (Row r : rows.collectAsList()) {
      entries.add(LedgerEntry.fromRow(r));
    }
    return new Ledger(entries);
  }

  /** This ledger after {@link #write} of {@code changes}: what the table then holds. */
  Ledger with(List<LedgerEntry> changes) {
    Map<List<String>, LedgerEntry> byKey = new LinkedHashMap<>();
    for (LedgerEntry e : entries) {
      byKey.put(e.key(), e);
    }
    for (LedgerEntry e : changes) {
      byKey.put(e.key(), e.stored());
    }
    return new Ledger(List.copyOf(byKey.values()));
  }

  /** Every entry. */
  public List<LedgerEntry> entries() {
    return entries;
  }

  /** The listed files whose path, size and modification time no entry has seen. */
  public List<Storage.Entry> changed(List<Storage.Entry> listed) {
    List<Storage.Entry> changed = new ArrayList<>();
    for (Storage.Entry e : listed) {
      boolean known =
          byPath.getOrDefault(e.relativePath(), List.of()).stream()
              .anyMatch(
                  l -> l.sizeBytes() == e.size() && l.modifiedAt().getTime() == e.modifiedAt());
      if (!known) {
        changed.add(e);
      }
    }
    return changed;
  }

  /** True when this exact content was seen at this path. */
  public boolean hasContent(String path, String hash) {
    return byPath.getOrDefault(path, List.of()).stream().anyMatch(l -> l.fileHash().equals(hash));
  }

  /** The entry for {@code path} and {@code hash} with a new size and modification time. */
  public LedgerEntry retimed(String path, String hash, long size, long modifiedAt) {
    return byPath.get(path).stream()
        .filter(l -> l.fileHash().equals(hash))
        .findFirst()
        .orElseThrow()
        .retimed(size, new Timestamp(modifiedAt));
  }

  /** True when a file with this content was already seen for {@code submissionId}. */
  public boolean knowsContent(String submissionId, String hash) {
    return entries.stream()
        .anyMatch(l -> submissionId.equals(l.submissionId()) && l.fileHash().equals(hash));
  }

  /** The entries of {@code submissionIds}. */
  public Map<String, List<LedgerEntry>> bySubmission(Set<String> submissionIds) {
    Map<String, List<LedgerEntry>> result = new HashMap<>();
    for (LedgerEntry e : entries) {
      if (e.submissionId() != null && submissionIds.contains(e.submissionId())) {
        result.computeIfAbsent(e.submissionId(), s -> new ArrayList<>()).add(e);
      }
    }
    return result;
  }

  /**
   * Inserts or replaces {@code changes} by (path, hash), in one commit ({@link RunLedger}); appends
   * them when {@code allNew} (none of their keys in the table).
   */
  static void write(Warehouse warehouse, List<LedgerEntry> changes, boolean allNew) {
    Dataset<Row> rows =
        warehouse
            .spark()
            .createDataFrame(changes.stream().map(LedgerEntry::toRow).toList(), FileLedger.SCHEMA);
    if (allNew) {
      warehouse.append(TableName.FILES, rows);
    } else {
      warehouse.upsert(TableName.FILES, rows, FileLedger.KEY);
    }
  }

  /**
   * Undoes what runs that started but never succeeded left behind: their bronze rows and the ledger
   * entries of the files they first saw go, so those files are read again as if new. Silver rows
   * they may have written are replaced when the files are refined again.
   *
   * @return the ids of the runs undone
   */
  public static List<String> recover(
      Warehouse warehouse, List<String> unfinishedRuns, List<String> kinds) {
    if (unfinishedRuns.isEmpty()) {
      return List.of();
    }
    Object[] runs = unfinishedRuns.stream().sorted().toArray();
    // The kinds' bronze tables side by side; the ledger last, so that a recovery cut short leaves
    // the runs unfinished and their files known until their rows are gone.
    List<Callable<Void>> deletes = new ArrayList<>();
    for (String kind : kinds) {
      deletes.add(
          () -> {
            warehouse.delete(TableName.bronze(kind), col("run_id").isin(runs));
            return null;
          });
    }
    Parallel.run(deletes);
    warehouse.delete(TableName.FILES, col("first_seen_run").isin(runs));
    return unfinishedRuns.stream().sorted().toList();
  }
}
