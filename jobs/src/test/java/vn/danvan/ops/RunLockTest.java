package vn.danvan.ops;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.io.OutputStream;
import java.net.InetAddress;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.FileTime;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Properties;
import java.util.concurrent.CyclicBarrier;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.stream.Stream;
import org.apache.hadoop.conf.Configuration;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import vn.danvan.errors.DanvanException;

/**
 * The warehouse lock on the local file system: waiting for a live holder, taking over a dead one.
 */
class RunLockTest {

  private static final Configuration CONF = new Configuration();
  private static final Duration WAIT = Duration.ofSeconds(30);

  @TempDir Path warehouse;

  @Test
  void aSecondRunWaitsForTheLiveHolderThenGivesUpNamingIt() {
    try (RunLock held = RunLock.acquire(CONF, root(), "run-a", WAIT)) {
      assertThatThrownBy(() -> RunLock.acquire(CONF, root(), "run-b", Duration.ofSeconds(1)))
          .isInstanceOf(DanvanException.class)
          .hasMessageContaining("is busy: run run-a (pid " + ProcessHandle.current().pid())
          .hasMessageEndingWith("after 1 s; try again later")
          .extracting(e -> ((DanvanException) e).exitCode())
          .isEqualTo(DanvanException.BUSY);
    }
    try (RunLock later = RunLock.acquire(CONF, root(), "run-b", Duration.ofSeconds(1))) {
      assertThat(holder()).as("released by run-a, taken by run-b").isEqualTo("run-b");
    }
  }

  @Test
  void theLockOfAProcessThatIsGoneIsTakenOver() throws Exception {
    leaveLockOfDeadRun("run-dead");

    try (RunLock lock = RunLock.acquire(CONF, root(), "run-next", Duration.ofSeconds(1))) {
      assertThat(holder()).isEqualTo("run-next");
      assertThat(lockFolderEntries()).as("no takeover claim left").containsExactly("run.lock");
    }
  }

  @Test
  void aClaimLeftByARunThatDiedTakingTheLockOverIsRemovedAndTheLockTaken() throws Exception {
    leaveLockOfDeadRun("run-dead");
    write("run.lock.takeover-run-dead", deadHolder("run-that-died-taking-over"));

    try (RunLock lock = RunLock.acquire(CONF, root(), "run-next", Duration.ofSeconds(5))) {
      assertThat(holder()).isEqualTo("run-next");
      assertThat(lockFolderEntries()).containsExactly("run.lock");
    }
  }

  /**
   * After a crash the scheduler's next run and an operator's may start together; both find the dead
   * run's lock. Each round, two threads race for it from a barrier: never may both hold it.
   */
  @Test
  void ofTwoRunsThatFindTheSameDeadLockOnlyOneHoldsIt() throws Exception {
    ExecutorService threads = Executors.newFixedThreadPool(2);
    try {
      for (int round = 0; round < 10; round++) {
        leaveLockOfDeadRun("run-dead-" + round);
        CyclicBarrier start = new CyclicBarrier(2);
        AtomicInteger holding = new AtomicInteger();
        AtomicInteger mostAtOnce = new AtomicInteger();
        List<Future<?>> runs = new ArrayList<>();
        for (String run : List.of("run-x-" + round, "run-y-" + round)) {
          runs.add(
              threads.submit(
                  () -> {
                    start.await();
                    try (RunLock lock = RunLock.acquire(CONF, root(), run, WAIT)) {
                      mostAtOnce.accumulateAndGet(holding.incrementAndGet(), Math::max);
                      Thread.sleep(20);
                      holding.decrementAndGet();
                    }
                    return null;
                  }));
        }
        for (Future<?> run : runs) {
          run.get();
        }
        assertThat(mostAtOnce.get()).as("runs holding the lock at once, round %d", round).isOne();
        assertThat(lockFolderEntries()).as("round %d leaves no lock or claim", round).isEmpty();
      }
    } finally {
      threads.shutdownNow();
    }
  }

  /**
   * A run whose heartbeat stalled past the stale limit (its JVM paused) has lost the warehouse to
   * the run that took its lock over: it is told so, its heartbeat no longer touches the lock (on a
   * store without setTimes a touch rewrites the file with the toucher's name), and its release
   * leaves the new holder's lock in place.
   */
  @Test
  void aRunWhoseLockWasTakenOverIsToldAndLeavesTheNewHoldersLockAlone() throws Exception {
    RunLock stalled = RunLock.acquire(CONF, root(), "run-a", WAIT, Duration.ofMillis(400));
    Path lock = warehouse.resolve("_danvan/run.lock");
    Files.delete(lock);
    write("run.lock", liveHolder("run-b"));
    FileTime taken = Files.getLastModifiedTime(lock);

    assertThatThrownBy(stalled::ensureHeld)
        .isInstanceOf(DanvanException.class)
        .hasMessageStartingWith("run run-a lost the warehouse lock")
        .hasMessageContaining("to run run-b after its heartbeat stalled");
    Thread.sleep(500); // five of run-a's heartbeats
    assertThat(Files.getLastModifiedTime(lock))
        .as("run-b's lock, untouched by run-a's heartbeat")
        .isEqualTo(taken);
    stalled.close();
    assertThat(holder()).as("run-a's release leaves run-b's lock").isEqualTo("run-b");
  }

  /** A lock file as a run killed with SIGKILL leaves it: its process no longer exists. */
  private void leaveLockOfDeadRun(String runId) throws Exception {
    write("run.lock", deadHolder(runId));
  }

  /** A holder whose process runs: this test's JVM. */
  private static Properties liveHolder(String runId) throws IOException {
    return holder(runId, ProcessHandle.current().pid());
  }

  /** A holder whose process has ended. */
  private static Properties deadHolder(String runId) throws Exception {
    Process gone = new ProcessBuilder("true").start();
    gone.waitFor();
    return holder(runId, gone.pid());
  }

  private static Properties holder(String runId, long pid) throws IOException {
    Properties holder = new Properties();
    holder.setProperty("run_id", runId);
    holder.setProperty("host", InetAddress.getLocalHost().getHostName());
    holder.setProperty("pid", Long.toString(pid));
    holder.setProperty("since", "2026-12-06T00:00:00Z");
    return holder;
  }

  private void write(String name, Properties holder) throws IOException {
    Path file = warehouse.resolve("_danvan").resolve(name);
    Files.createDirectories(file.getParent());
    try (OutputStream out = Files.newOutputStream(file)) {
      holder.store(out, "left by a killed run");
    }
  }

  private String holder() {
    Properties p = new Properties();
    try (var in = Files.newInputStream(warehouse.resolve("_danvan/run.lock"))) {
      p.load(in);
    } catch (IOException e) {
      throw new AssertionError(e);
    }
    return p.getProperty("run_id");
  }

  private List<String> lockFolderEntries() throws IOException {
    try (Stream<Path> entries = Files.list(warehouse.resolve("_danvan"))) {
      return entries
          .map(p -> p.getFileName().toString())
          .filter(name -> !name.startsWith("."))
          .sorted()
          .toList();
    }
  }

  private String root() {
    return "file:" + warehouse;
  }
}
