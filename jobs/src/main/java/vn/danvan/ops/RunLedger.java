package vn.danvan.ops;

import java.util.List;
import vn.danvan.warehouse.TableName;
import vn.danvan.warehouse.Warehouse;

/**
 * {@code ops.files} as one command last read or wrote it. Ingest, refine and indicators each need
 * the whole ledger, and at national scale one read costs seconds (140 756 entries at 100 M records,
 * 10.8 s), so it is read once and kept up to date with the command's own writes. The table's
 * version guards the copy: when any commit but this command's own came between, it is read again.
 */
public final class RunLedger {

  private static final long ABSENT = -1;

  private final Warehouse warehouse;
  private Ledger ledger; // null until read, or after a write it cannot follow
  private long version = ABSENT; // the table version ledger holds

  /** The ledger of {@code warehouse}, not yet read. */
  public RunLedger(Warehouse warehouse) {
    this.warehouse = warehouse;
  }

  /** The ledger as the table holds it now (empty before the first run). */
  public synchronized Ledger current() {
    long now = warehouse.version(TableName.FILES).orElse(ABSENT);
    if (ledger == null || now != version) {
      ledger = now == ABSENT ? Ledger.EMPTY : Ledger.read(warehouse, now);
      version = now;
    }
    return ledger;
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
