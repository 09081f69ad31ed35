package vn.danvan.warehouse;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.io.ObjectInputStream;
import java.io.Serializable;
import java.util.List;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicBoolean;
import org.apache.spark.SparkContext;
import org.apache.spark.api.java.JavaSparkContext;
import org.apache.spark.scheduler.SparkListener;
import org.apache.spark.scheduler.SparkListenerExecutorMetricsUpdate;
import org.apache.spark.scheduler.SparkListenerTaskStart;
import org.apache.spark.util.AccumulatorV2;
import org.junit.jupiter.api.Test;
import scala.Tuple4;
import scala.jdk.javaapi.CollectionConverters;
import vn.danvan.testing.SharedSpark;

/**
 * The executor's heartbeat outlives a task whose accumulator it finds half deserialised, as Spark
 * 4.2.0's heartbeat finds an in-memory cache's statistics now and then (SPARK-59451): with Spark's
 * default it asks that accumulator whether it is zero, the question throws, and the heartbeat
 * thread dies; no running task is reported again, and on a cluster the executor is declared lost.
 */
class HeartbeatTest {

  private static final long PAUSE_MS = 3_000; // longer than the tests' heartbeat interval (2 s)

  @Test
  void aHalfDeserialisedAccumulatorDoesNotStopTheHeartbeat() throws InterruptedException {
    SparkContext sc = SharedSpark.get().sparkContext();
    JavaSparkContext jsc = JavaSparkContext.fromSparkContext(sc);
    Reported reported = new Reported();
    sc.addSparkListener(reported);
    try {
      SlowlyRead slow = new SlowlyRead();
      sc.register(slow, "slowly-read");
      jsc.parallelize(List.of(1), 1).foreach(x -> slow.add(1L));

      jsc.parallelize(List.of(1), 1)
          .foreach(
              x -> {
                Thread.sleep(5_000);
              });

      assertThat(reported.lastStarted)
          .as("the task started after the half-read accumulator")
          .isNotNull();
      assertThat(reported.running)
          .as("tasks the executor's heartbeat reported while they ran")
          .contains(reported.lastStarted);
    } finally {
      sc.removeSparkListener(reported);
    }
  }

  /** The ids of the tasks that heartbeats reported running, and the last task started. */
  private static final class Reported extends SparkListener {
    final Set<Long> running = ConcurrentHashMap.newKeySet();
    volatile Long lastStarted;

    @Override
    public void onTaskStart(SparkListenerTaskStart start) {
      lastStarted = start.taskInfo().taskId();
    }

    @Override
    public void onExecutorMetricsUpdate(SparkListenerExecutorMetricsUpdate update) {
      for (Tuple4<Object, Object, Object, ?> task :
          CollectionConverters.asJava(update.accumUpdates())) {
        running.add((Long) task._1());
      }
    }
  }

  /**
   * A sum whose fields are read slowly: while its {@code pause} is read, its {@code sum} (read
   * after it: fields are read in name order) is still null, and both {@link #isZero} and {@link
   * #value} throw, as Spark's cache statistics do half read.
   */
  private static final class SlowlyRead extends AccumulatorV2<Long, Long> {
    private final Pause pause = new Pause();
    private Long sum = 0L;

    @Override
    public boolean isZero() {
      return sum.longValue() == 0;
    }

    @Override
    public AccumulatorV2<Long, Long> copy() {
      SlowlyRead copy = new SlowlyRead();
      copy.sum = sum;
      return copy;
    }

    @Override
    public void reset() {
      sum = 0L;
    }

    @Override
    public void add(Long v) {
      sum += v;
    }

    @Override
    public void merge(AccumulatorV2<Long, Long> other) {
      sum += other.value();
    }

    @Override
    public Long value() {
      return Long.valueOf(sum.longValue());
    }
  }

  /** Sleeps once, the first time it is deserialised (on the executor, inside the first task). */
  private static final class Pause implements Serializable {
    private static final AtomicBoolean SLEPT = new AtomicBoolean();

    private void readObject(ObjectInputStream in) throws IOException, ClassNotFoundException {
      in.defaultReadObject();
      if (SLEPT.compareAndSet(false, true)) {
        try {
          Thread.sleep(PAUSE_MS);
        } catch (InterruptedException e) {
          Thread.currentThread().interrupt();
        }
      }
    }
  }
}
