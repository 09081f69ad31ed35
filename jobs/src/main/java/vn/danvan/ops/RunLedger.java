package vn.danvan.ops;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import vn.danvan.warehouse.TableName;
import vn.danvan.warehouse.Warehouse;

/**
 * {@code ops.files} as one command last read or wrote it. Ingest, refine and indicators each need
 * the whole ledger, and at national scale one read costs seconds (140 756 entries at 100 M records,
 * 10.8 s), so it is read once and kept up to date with the command's own writes. The table's
 * version guards the copy: when any commit but this command's own came between, it is read again.
 *
 * <p>A run that ingests and refines {@linkplain #hold holds} its writes until refine is done and
 * records its new files once, with their outcome: one commit where there were two (refine's merge
 * cost ~2 s at every scale, almost all of it a Delta MERGE's fixed cost). Nothing is lost when it
 * dies before then: the next run undoes its bronze rows by run id ({@link Ledger#recover}), as it
 * undoes the entries of a run that died after writing them, and its files are read again.
 */
public final class RunLedger {

  private static final long ABSENT = -1;

  private final Warehouse warehouse;
  private Ledger ledger; // null until read, or after a write it cannot follow
  private long version = ABSENT; // the table version ledger holds
  private final Map<List<String>, LedgerEntry> held = new LinkedHashMap<>(); // by key
  private boolean holding;

  /** The ledger of {@code warehouse}, not yet read. */
  public RunLedger(Warehouse warehouse) {
    this.warehouse = warehouse;
  }

  /**
   * The ledger as the table holds it now (empty before the first run), with the changes {@linkplain
   * #hold held} back applied.
   */
  public synchronized Ledger current() {
    long now = warehouse.version(TableName.FILES).orElse(ABSENT);
    if (ledger == null || now != version) {
      ledger = now == ABSENT ? Ledger.EMPTY : Ledger.read(warehouse, now);
      version = now;
    }
    return held.isEmpty() ? ledger : ledger.with(List.copyOf(held.values()));
  }

  /**
   * Keeps the writes that follow in memory, as {@link #current} shows them, until {@link #release}.
   */
  public synchronized void hold() {
    holding = true;
  }

  /** Writes what was held, in one commit, and writes at once from then on. */
  public synchronized void release() {
    holding = false;
    List<LedgerEntry> changes = List.copyOf(held.values());
    held.clear();
    write(changes);
  }

  /** Forgets what was held, unwritten (a run that fails leaves it to the next run to undo). */
  public synchronized void abandon() {
    holding = false;
    held.clear();
  }

  /**
   * Inserts or replaces {@code changes} by (path, hash), in one commit ({@link Ledger#write}): an
   * append when the copy shows none of them in the table; no change, no commit. Every row of a
   * non-empty change is updated or inserted, so the write always commits: when the table is then
   * one version past the copy, that version is this write's and the copy becomes its result.
   */
  public synchronized void write(List<LedgerEntry> changes) {
    if (changes.isEmpty()) {
      return;
    }
    if (holding) {
      changes.forEach(e -> held.put(e.key(), e));
      return;
    }
    // Entries new to the table (files first seen: the nightly case) are appended; a merge reads
    // the whole ledger to find none of them (100 M records, 140 756 entries: ~2 s against 0.2).
    // Only a copy of the version written to can tell.
    long before = warehouse.version(TableName.FILES).orElse(ABSENT);
    boolean allNew =
        ledger != null
            && before == version
            && changes.stream().noneMatch(e -> ledger.hasContent(e.sourceFile(), e.fileHash()));
    Ledger.write(warehouse, changes, allNew);
    long now = warehouse.version(TableName.FILES).orElse(ABSENT);
    if (ledger != null && now == version + 1) {
      ledger = ledger.with(changes);
      version = now;
    } else {
      ledger = null;
    }
  }
}
