package vn.danvan.cluster;

import java.util.Arrays;
import java.util.List;
import vn.danvan.cli.Main;

/**
 * The driver {@code bin/cluster-check} submits: {@code danvan run} with the arguments given, as
 * {@code danvan}'s own main runs it, then, in the same application, {@code danvan compare} of the
 * silver and gold tables that run wrote with a local run's warehouse. The comparison reuses the
 * run's warm JVM and executors: as a command of its own, in a cold JVM, it took ~40 s of the
 * check's ~170 (2026-12-06).
 *
 * <p>Usage: {@code ClusterCheck LOCAL_WAREHOUSE run [danvan run options…]}; the exit code is the
 * run's when it failed, otherwise the comparison's (0 when every table is the same).
 */
public final class ClusterCheck {

  private ClusterCheck() {}

  public static void main(String[] args) {
    if (args.length < 2 || !args[1].equals("run")) {
      System.err.println("usage: ClusterCheck LOCAL_WAREHOUSE run [danvan run options…]");
      System.exit(2);
    }
    String[] run = Arrays.copyOfRange(args, 1, args.length);
    int code = Main.execute(run);
    if (code == 0) {
      code =
          Main.execute(
              "compare",
              "--layers",
              "silver,gold",
              "--warehouse",
              valueOf("--warehouse", run),
              "--with",
              args[0]);
    }
    System.exit(code);
  }

  /** The value of {@code option} in {@code args}. */
  private static String valueOf(String option, String[] args) {
    int at = List.of(args).indexOf(option);
    if (at < 0 || at + 1 >= args.length) {
      throw new IllegalArgumentException("no " + option + " in " + List.of(args));
    }
    return args[at + 1];
  }
}
