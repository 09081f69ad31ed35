package vn.danvan.job;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;

/**
 * Runs independent pieces of a stage (one per record kind or table) on a few driver threads, so
 * that Spark jobs and Delta commits of different tables overlap instead of waiting for each other.
 */
public final class Parallel {

  private static final int THREADS = 4;

  private Parallel() {}

  /** The results of {@code tasks}, in order; the first failure is thrown once all have ended. */
  public static <T> List<T> run(List<Callable<T>> tasks) {
    if (tasks.size() <= 1) {
      return runInline(tasks);
    }
    ExecutorService pool = Executors.newFixedThreadPool(Math.min(THREADS, tasks.size()));
    try {
      List<Future<T>> futures = new ArrayList<>();
      tasks.forEach(t -> futures.add(pool.submit(t)));
      List<T> results = new ArrayList<>();
      RuntimeException failure = null;
      for (Future<T> f : futures) {
        try {
          results.add(f.get());
        } catch (ExecutionException e) {
          RuntimeException cause = unwrap(e.getCause());
          if (failure == null) {
            failure = cause;
          } else {
            failure.addSuppressed(cause);
          }
        } catch (InterruptedException e) {
          Thread.currentThread().interrupt();
          throw new IllegalStateException("interrupted", e);
        }
      }
      if (failure != null) {
        throw failure;
      }
      return results;
    } finally {
      pool.shutdownNow();
    }
  }

  /** The results of {@code tasks}, run one after another on this thread. */
  public static <T> List<T> runInline(List<Callable<T>> tasks) {
    List<T> results = new ArrayList<>();
    for (Callable<T> t : tasks) {
      try {
        results.add(t.call());
      } catch (Exception e) {
        throw unwrap(e);
      }
    }
    return results;
  }

  private static RuntimeException unwrap(Throwable t) {
    return t instanceof RuntimeException r ? r : new IllegalStateException(t.getMessage(), t);
  }
}
