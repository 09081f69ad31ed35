package vn.danvan.testing;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.apache.spark.sql.SparkSession;
import org.apache.spark.sql.execution.QueryExecution;
import org.apache.spark.sql.util.QueryExecutionListener;

/**
 * The Delta MERGE commands a piece of work runs in the shared session, as Spark's query listeners
 * see them: what a test asserts on when a merge would leave no trace in the table (Delta records no
 * commit for a merge that changes nothing).
 */
public final class MergeTargets {

  // A merge's plan names its target first: "MergeIntoCommand SubqueryAlias s, SubqueryAlias t,
  // Delta[version=2, file:/…/silver/dialogues], …".
  private static final Pattern TARGET = Pattern.compile("Delta\\[version=\\d+, ([^\\]]+)]");

  private MergeTargets() {}

  /** The paths of the tables the MERGE commands {@code work} ran wrote into, in order. */
  public static List<String> of(Runnable work) {
    SparkSession spark = SharedSpark.get();
    String marker = "merge-targets-" + UUID.randomUUID();
    Recorder recorder = new Recorder(marker);
    spark.listenerManager().register(recorder);
    try {
      work.run();
      // Listeners hear of queries in order: once the marker's is heard, so are work's.
      spark.range(1).selectExpr("'" + marker + "' AS marker").collectAsList();
      recorder.awaitMarker();
    } finally {
      spark.listenerManager().unregister(recorder);
    }
    return recorder.merges();
  }

  private static final class Recorder implements QueryExecutionListener {
    private final String marker;
    private final List<String> merges = new ArrayList<>();
    private boolean markerSeen;

    Recorder(String marker) {
      this.marker = marker;
    }

    @Override
    public synchronized void onSuccess(String funcName, QueryExecution qe, long durationNs) {
      record(qe);
    }

    @Override
    public synchronized void onFailure(String funcName, QueryExecution qe, Exception exception) {
      record(qe);
    }

    private void record(QueryExecution qe) {
      String plan = qe.analyzed().toString();
      if (plan.contains(marker)) {
        markerSeen = true;
        notifyAll();
      } else if (qe.analyzed().nodeName().startsWith("MergeInto")) {
        Matcher target = TARGET.matcher(plan);
        merges.add(target.find() ? target.group(1) : plan);
      }
    }

    synchronized void awaitMarker() {
      Instant deadline = Instant.now().plus(Duration.ofMinutes(1));
      while (!markerSeen) {
        long left = Duration.between(Instant.now(), deadline).toMillis();
        if (left <= 0) {
          throw new AssertionError("Spark's query listeners did not hear the marker query");
        }
        try {
          wait(left);
        } catch (InterruptedException e) {
          Thread.currentThread().interrupt();
          throw new AssertionError(e);
        }
      }
    }

    synchronized List<String> merges() {
      return List.copyOf(merges);
    }
  }
}
