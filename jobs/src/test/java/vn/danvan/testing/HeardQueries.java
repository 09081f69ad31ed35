package vn.danvan.testing;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import java.util.UUID;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.apache.spark.sql.SparkSession;
import org.apache.spark.sql.catalyst.plans.logical.LogicalPlan;
import org.apache.spark.sql.execution.QueryExecution;
import org.apache.spark.sql.execution.datasources.HadoopFsRelation;
import org.apache.spark.sql.execution.datasources.LogicalRelation;
import org.apache.spark.sql.util.QueryExecutionListener;
import scala.jdk.javaapi.CollectionConverters;

/**
 * The queries a piece of work runs in the shared session, as Spark's query listeners hear them:
 * what a test asserts on when a command would leave no trace in a table (Delta records no commit
 * for a merge that changes nothing) or when it should not read a table at all.
 */
public final class HeardQueries {

  // A merge's plan names its target first: "MergeIntoCommand SubqueryAlias s, SubqueryAlias t,
  // Delta[version=2, file:/…/silver/dialogues], …".
  private static final Pattern TARGET = Pattern.compile("Delta\\[version=\\d+, ([^\\]]+)]");

  private final List<String> merges;
  private final List<String> tablesRead;

  private HeardQueries(List<String> merges, List<String> tablesRead) {
    this.merges = merges;
    this.tablesRead = tablesRead;
  }

  /** The queries {@code work} ran. */
  public static HeardQueries of(Runnable work) {
    SparkSession spark = SharedSpark.get();
    String marker = "heard-queries-" + UUID.randomUUID();
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
    return new HeardQueries(recorder.merges(), recorder.tablesRead());
  }

  /** The paths of the tables the MERGE commands wrote into, in order. */
  public List<String> mergeTargets() {
    return merges;
  }

  /** The folders of the tables the queries read (their plans' file relations), once each. */
  public List<String> tablesRead() {
    return tablesRead;
  }

  private static final class Recorder implements QueryExecutionListener {
    private final String marker;
    private final List<String> merges = new ArrayList<>();
    private final Set<String> tables = new LinkedHashSet<>();
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
        return;
      }
      if (qe.analyzed().nodeName().startsWith("MergeInto")) {
        Matcher target = TARGET.matcher(plan);
        merges.add(target.find() ? target.group(1) : plan);
      }
      for (LogicalPlan leaf : CollectionConverters.asJava(qe.analyzed().collectLeaves())) {
        if (leaf instanceof LogicalRelation r && r.relation() instanceof HadoopFsRelation files) {
          CollectionConverters.asJava(files.location().rootPaths()).stream()
              .map(Object::toString)
              .filter(path -> !path.contains("/_delta_log/")) // Delta reading its own log
              .forEach(tables::add);
        }
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

    synchronized List<String> tablesRead() {
      return List.copyOf(tables);
    }
  }
}
