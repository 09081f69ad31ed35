package vn.danvan.ops;

import java.util.Iterator;
import java.util.List;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicInteger;
import org.apache.spark.api.java.function.MapPartitionsFunction;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Encoders;
import org.apache.spark.sql.Row;

/**
 * Named places where the fault tests stop a run so that they can kill it with SIGKILL at a known
 * moment. With {@code DANVAN_PAUSE_AT=name} (or {@code name:n}, the n-th time) in the environment,
 * the run prints {@code danvan: paused at name} on stderr and waits there for ever; without it,
 * every method here returns at once and changes nothing.
 *
 * <p>Points: {@code <layer>-append}, {@code <layer>-merge} and {@code <layer>-write} pause inside
 * the Spark job that writes a Delta table of that layer (some data files written, nothing
 * committed), {@code <table>-append} and the like inside that table's ({@code ops.files-append});
 * {@code publish} pauses after the first file of a pack is written.
 */
public final class FaultPoint {

  /** The environment variable naming the point to pause at. */
  public static final String VARIABLE = "DANVAN_PAUSE_AT";

  private static final String PAUSE_AT = System.getenv(VARIABLE);
  private static final ConcurrentHashMap<String, AtomicInteger> REACHED = new ConcurrentHashMap<>();

  private FaultPoint() {}

  /** Pauses here, on the driver, when {@code name} is the point asked for. */
  public static void reach(String name) {
    if (armed(name)) {
      pause(name);
    }
  }

  /**
   * {@code rows}, pausing inside the job that consumes them when one of {@code names} (a place's
   * names: its layer's, {@code ops-append}, and its table's, {@code ops.files-append}) is the point
   * asked for: the write is under way and cannot commit.
   */
  public static Dataset<Row> during(List<String> names, Dataset<Row> rows) {
    String name = names.stream().filter(FaultPoint::armed).findFirst().orElse(null);
    if (name == null) {
      return rows;
    }
    MapPartitionsFunction<Row, Row> pauseFirst =
        (Iterator<Row> partition) -> {
          pause(name);
          return partition;
        };
    return rows.mapPartitions(pauseFirst, Encoders.row(rows.schema()));
  }

  private static boolean armed(String name) {
    if (PAUSE_AT == null || PAUSE_AT.isBlank()) {
      return false;
    }
    String[] point = PAUSE_AT.strip().split(":", 2);
    if (!point[0].equals(name)) {
      return false;
    }
    int nth = point.length > 1 ? Integer.parseInt(point[1]) : 1;
    return REACHED.computeIfAbsent(name, n -> new AtomicInteger()).incrementAndGet() == nth;
  }

  private static void pause(String name) {
    System.err.println("danvan: paused at " + name);
    System.err.flush();
    while (true) {
      try {
        Thread.sleep(60_000);
      } catch (InterruptedException e) {
        // Only SIGKILL ends a paused run: that is the fault under test.
      }
    }
  }
}
