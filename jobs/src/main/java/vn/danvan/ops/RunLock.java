package vn.danvan.ops;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.UnknownHostException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.StandardOpenOption;
import java.time.Duration;
import java.time.Instant;
import java.util.Properties;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import org.apache.hadoop.conf.Configuration;
import org.apache.hadoop.fs.FileAlreadyExistsException;
import org.apache.hadoop.fs.FileSystem;
import org.apache.hadoop.fs.Path;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import vn.danvan.errors.DanvanException;

/**
 * One writer at a time per warehouse: a lock file, {@code _danvan/run.lock} under the warehouse
 * root, created only if absent (atomic on local, HDFS and ABFS file systems) and touched by a
 * heartbeat while the run lasts. A second run waits for the first to finish; a lock whose holder
 * died (its process is gone on this host, or its heartbeat stopped) is taken over.
 *
 * <p>Two overlapping runs therefore give the tables one run gives: the second starts after the
 * first, finds its files in the ledger, and has nothing left to do.
 */
public final class RunLock implements AutoCloseable {

  private static final Logger LOG = LoggerFactory.getLogger(RunLock.class);
  private static final Duration POLL = Duration.ofMillis(500);

  private final FileSystem fs;
  private final Path file;
  private final Properties holder;
  private final ScheduledExecutorService heartbeat;

  /** The run that took the lock over while this one stalled, once the heartbeat has seen it. */
  private volatile String lostTo;

  private RunLock(FileSystem fs, Path file, Properties holder, Duration staleAfter) {
    this.fs = fs;
    this.file = file;
    this.holder = holder;
    this.heartbeat =
        Executors.newSingleThreadScheduledExecutor(
            r -> {
              Thread t = new Thread(r, "danvan-run-lock-heartbeat");
              t.setDaemon(true);
              return t;
            });
    long every = Math.max(1, staleAfter.toMillis() / 4);
    heartbeat.scheduleAtFixedRate(this::touch, every, every, TimeUnit.MILLISECONDS);
  }

  /** A lock whose holder has not touched it for this long is abandoned (heartbeat: a quarter). */
  public static final Duration STALE_AFTER = Duration.ofMinutes(2);

  /** Takes the lock for {@code runId}, waiting up to {@code wait}; see below. */
  public static RunLock acquire(
      Configuration conf, String warehouseRoot, String runId, Duration wait) {
    return acquire(conf, warehouseRoot, runId, wait, STALE_AFTER);
  }

  /** Where the lock of the warehouse at {@code warehouseRoot} lives. */
  public static Path location(String warehouseRoot) {
    return new Path(warehouseRoot + "/_danvan/run.lock");
  }

  /**
   * Takes the lock of the warehouse at {@code warehouseRoot} for {@code runId}, waiting up to
   * {@code wait} for a live holder to release it.
   *
   * @param staleAfter a lock whose heartbeat is older than this is abandoned
   * @throws DanvanException when another run still holds it after {@code wait}
   */
  public static RunLock acquire(
      Configuration conf, String warehouseRoot, String runId, Duration wait, Duration staleAfter) {
    Path file = location(warehouseRoot);
    try {
      FileSystem fs = file.getFileSystem(conf);
      Properties me = new Properties();
      me.setProperty("run_id", runId);
      me.setProperty("host", host());
      me.setProperty("pid", Long.toString(ProcessHandle.current().pid()));
      me.setProperty("since", Instant.now().toString());
      Instant deadline = Instant.now().plus(wait);
      String waitingFor = null;
      while (true) {
        if (create(fs, file, me)) {
          if (waitingFor != null) {
            LOG.info("warehouse lock taken after run {} finished", waitingFor);
          }
          return new RunLock(fs, file, me, staleAfter);
        }
        Properties other = read(fs, file);
        if (other == null) {
          continue; // released between our create and our read
        }
        String reason = abandoned(fs, file, other, staleAfter);
        if (reason != null && takeOver(fs, file, other, reason, me, staleAfter)) {
          continue;
        }
        if (Instant.now().isAfter(deadline)) {
          throw new DanvanException(
              "the warehouse "
                  + warehouseRoot
                  + " is busy: run "
                  + other.getProperty("run_id")
                  + " (pid "
                  + other.getProperty("pid")
                  + " on "
                  + other.getProperty("host")
                  + ", since "
                  + other.getProperty("since")
                  + ") still holds "
                  + file
                  + " after "
                  + waited(wait)
                  + "; try again later",
              null,
              DanvanException.BUSY);
        }
        if (reason != null) {
          Thread.sleep(POLL.toMillis()); // another run holds the claim to take the lock over
          continue;
        }
        if (!other.getProperty("run_id", "").equals(waitingFor)) {
          waitingFor = other.getProperty("run_id", "");
          LOG.warn(
              "waiting for run {} (pid {} on {}) to release the warehouse",
              waitingFor,
              other.getProperty("pid"),
              other.getProperty("host"));
        }
        Thread.sleep(POLL.toMillis());
      }
    } catch (IOException e) {
      throw new UncheckedIOException("Cannot lock the warehouse at " + warehouseRoot, e);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new DanvanException("interrupted while waiting for the warehouse lock", e);
    }
  }

  /**
   * Fails when the lock is no longer this run's: its heartbeat stalled past the stale limit (the
   * whole JVM paused, or the store lost its touches) and another run took the warehouse over. From
   * then on the warehouse is that run's, and this one must write nothing more; what it wrote before
   * the takeover, the run that took over has undone.
   */
  public void ensureHeld() {
    String other = lostTo;
    if (other == null) {
      try {
        other = holderOtherThanMe();
      } catch (IOException e) {
        throw new UncheckedIOException("Cannot read the warehouse lock " + file, e);
      }
    }
    if (other != null) {
      throw new DanvanException(
          "run "
              + holder.getProperty("run_id")
              + " lost the warehouse lock "
              + file
              + " to "
              + other
              + " after its heartbeat stalled; it stops here and the run that holds the lock"
              + " carries on");
    }
  }

  /** Releases the lock, if it is still ours. */
  @Override
  public void close() {
    heartbeat.shutdownNow();
    try {
      if (holderOtherThanMe() == null) {
        fs.delete(file, false);
      }
    } catch (IOException e) {
      LOG.warn("could not release the warehouse lock {}: {}", file, e.getMessage());
    }
  }

  /**
   * Who holds the lock when this run no longer does ("run X", or "no run" once the file is gone);
   * null while it is this run's.
   */
  private String holderOtherThanMe() throws IOException {
    Properties current = read(fs, file);
    if (current == null) {
      return "no run";
    }
    String runId = current.getProperty("run_id");
    return holder.getProperty("run_id").equals(runId) ? null : "run " + runId;
  }

  /**
   * Deletes the lock of the departed holder {@code gone} if the file still is its lock. Of the runs
   * that found it gone, only the one that creates the claim {@code run.lock.takeover-<its run>}
   * deletes: re-reading and deleting are two steps, and a second run between them would delete the
   * lock the first had just taken, leaving two runs that each believe they hold it. The claim lives
   * for those two steps; one left by a run that died inside them is removed once its own holder is
   * gone, as a lock's is.
   *
   * @return false while another run holds the claim
   */
  private static boolean takeOver(
      FileSystem fs, Path file, Properties gone, String reason, Properties me, Duration staleAfter)
      throws IOException {
    Path claim =
        new Path(file.getParent(), file.getName() + ".takeover-" + gone.getProperty("run_id"));
    if (!create(fs, claim, me)) {
      Properties claimant = read(fs, claim);
      if (claimant != null
          && abandoned(fs, claim, claimant, staleAfter) != null
          && claimant.equals(read(fs, claim))) {
        LOG.warn(
            "removing {}: run {} died while taking the lock over",
            claim,
            claimant.getProperty("run_id"));
        fs.delete(claim, false);
        return true;
      }
      return false;
    }
    try {
      if (gone.equals(read(fs, file))) {
        LOG.warn(
            "taking over the warehouse lock of run {}: {}", gone.getProperty("run_id"), reason);
        fs.delete(file, false);
      }
      return true;
    } finally {
      fs.delete(claim, false);
    }
  }

  /** Why the holder in {@code other} is gone, or null while it looks alive. */
  private static String abandoned(FileSystem fs, Path file, Properties other, Duration staleAfter)
      throws IOException {
    if (host().equals(other.getProperty("host"))) {
      try {
        long pid = Long.parseLong(other.getProperty("pid", "-1"));
        if (ProcessHandle.of(pid).map(p -> !p.isAlive()).orElse(true)) {
          return "its process " + pid + " is no longer running";
        }
      } catch (NumberFormatException e) {
        return "the lock file names no process";
      }
    }
    long age;
    try {
      age = System.currentTimeMillis() - fs.getFileStatus(file).getModificationTime();
    } catch (java.io.FileNotFoundException released) {
      return null; // released since it was read: the next attempt finds it free
    }
    if (age > staleAfter.toMillis()) {
      return "no heartbeat for " + age / 1000 + " s";
    }
    return null;
  }

  /**
   * The heartbeat: refreshes the lock's time while it is this run's. Once another run has it, the
   * heartbeat stops without touching it (on a store without {@code setTimes} a refresh rewrites the
   * file, which would put this run's name over the new holder's) and {@link #ensureHeld} fails.
   */
  private void touch() {
    try {
      String other = holderOtherThanMe();
      if (other != null) {
        lostTo = other;
        LOG.error(
            "run {} no longer holds the warehouse lock {}: {} does; this run stops at its next step",
            holder.getProperty("run_id"),
            file,
            other);
        heartbeat.shutdown();
        return;
      }
      try {
        fs.setTimes(file, System.currentTimeMillis(), -1);
      } catch (IOException | UnsupportedOperationException e) {
        write(fs, file, holder, true);
      }
    } catch (IOException e) {
      LOG.warn("could not refresh the warehouse lock {}: {}", file, e.getMessage());
    }
  }

  /** {@code wait} as the busy message says it: "45 s", "60 min". */
  private static String waited(Duration wait) {
    return wait.toMinutes() > 0 ? wait.toMinutes() + " min" : wait.toSeconds() + " s";
  }

  private static boolean create(FileSystem fs, Path file, Properties me) throws IOException {
    try {
      if ("file".equals(fs.getScheme())) {
        // Hadoop's local create checks, then opens: not atomic. The JDK's CREATE_NEW is.
        java.nio.file.Path local = java.nio.file.Path.of(file.toUri());
        Files.createDirectories(local.getParent());
        Files.write(local, bytes(me), StandardOpenOption.CREATE_NEW, StandardOpenOption.WRITE);
      } else {
        write(fs, file, me, false);
      }
      return true;
    } catch (FileAlreadyExistsException | java.nio.file.FileAlreadyExistsException e) {
      return false;
    } catch (IOException e) {
      if (fs.exists(file)) {
        return false;
      }
      throw e;
    }
  }

  private static void write(FileSystem fs, Path file, Properties p, boolean overwrite)
      throws IOException {
    try (OutputStream out = fs.create(file, overwrite)) {
      out.write(bytes(p));
    }
  }

  private static byte[] bytes(Properties p) throws IOException {
    ByteArrayOutputStream bytes = new ByteArrayOutputStream();
    p.store(bytes, "danvan run lock");
    return bytes.toByteArray();
  }

  private static Properties read(FileSystem fs, Path file) throws IOException {
    try (InputStream in = fs.open(file)) {
      Properties p = new Properties();
      p.load(new java.io.StringReader(new String(in.readAllBytes(), StandardCharsets.ISO_8859_1)));
      return p;
    } catch (java.io.FileNotFoundException e) {
      return null;
    }
  }

  private static String host() {
    try {
      return InetAddress.getLocalHost().getHostName();
    } catch (UnknownHostException e) {
      return "unknown";
    }
  }
}
