package vn.danvan.ingest;

import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import vn.danvan.reference.Settings;
import vn.danvan.warehouse.Storage;

/**
 * Which landing files have finished arriving. A district's file may still be being copied when the
 * job starts: a file modified within the last {@code landing_settle_seconds} is looked at again
 * after that pause, and one whose size or modification time moved is left for the next run. With
 * {@code landing_done_marker}, a file is read only once {@code <name>.done} exists beside it. A
 * file left waiting is not recorded anywhere, so the next run sees it as new.
 */
public final class Arrivals {

  /** The suffix of marker files: {@code 2026-Q3.csv.done} says {@code 2026-Q3.csv} is whole. */
  public static final String DONE_SUFFIX = ".done";

  private Arrivals() {}

  /**
   * The landing files split into those to read now and those still arriving.
   *
   * @param files landing files to be read, markers excluded
   * @param waiting files left for the next run, each with why
   */
  public record Sorted(List<Storage.Entry> files, List<String> waiting) {}

  /** Marker files are not submissions: the listing without them. */
  public static List<Storage.Entry> withoutMarkers(List<Storage.Entry> listed) {
    return listed.stream().filter(e -> !e.relativePath().endsWith(DONE_SUFFIX)).toList();
  }

  /** Sorts {@code candidates}, a subset of {@code listed}, into whole files and arriving ones. */
  public static Sorted sort(
      Storage storage,
      List<Storage.Entry> listed,
      List<Storage.Entry> candidates,
      Settings settings) {
    Set<String> marked = new HashSet<>();
    for (Storage.Entry e : listed) {
      if (e.relativePath().endsWith(DONE_SUFFIX)) {
        String p = e.relativePath();
        marked.add(p.substring(0, p.length() - DONE_SUFFIX.length()));
      }
    }
    List<String> waiting = new ArrayList<>();
    List<Storage.Entry> ready = new ArrayList<>();
    long settleMillis = settings.landingSettleSeconds() * 1000L;
    long now = System.currentTimeMillis();
    List<Storage.Entry> young = new ArrayList<>();
    long newest = Long.MIN_VALUE;
    for (Storage.Entry e : candidates) {
      if (e.relativePath().endsWith(DONE_SUFFIX)) {
        continue;
      }
      if (settings.landingDoneMarker() && !marked.contains(e.relativePath())) {
        waiting.add(e.relativePath() + " (no " + DONE_SUFFIX + " marker yet)");
      } else if (now - e.modifiedAt() < settleMillis) {
        young.add(e);
        newest = Math.max(newest, e.modifiedAt());
      } else {
        ready.add(e);
      }
    }
    if (!young.isEmpty()) {
      pause(Math.min(settleMillis, newest + settleMillis - now));
      for (Storage.Entry e : young) {
        Optional<Storage.Entry> later = storage.refresh(e);
        if (later.isEmpty()) {
          waiting.add(e.relativePath() + " (gone while being read)");
        } else if (later.get().size() != e.size() || later.get().modifiedAt() != e.modifiedAt()) {
          waiting.add(e.relativePath() + " (still being written)");
        } else {
          ready.add(e);
        }
      }
    }
    ready.sort(java.util.Comparator.comparing(Storage.Entry::relativePath));
    return new Sorted(ready, waiting);
  }

  private static void pause(long millis) {
    if (millis <= 0) {
      return;
    }
    try {
      Thread.sleep(millis);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException("interrupted while waiting for landing files to settle", e);
    }
  }
}
