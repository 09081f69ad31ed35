package vn.danvan.warehouse;

import java.io.FileNotFoundException;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Explains a failure caused by a warehouse damaged outside the job — a data file deleted, a log
 * file or checkpoint corrupted — in one line naming the table, the file and what to do. Spark and
 * Delta fail on such tables rather than read part of them; this only says so plainly.
 */
public final class Damage {

  private static final Pattern FILE =
      Pattern.compile(
          "((?:[a-z][a-z0-9+.-]*:)?/\\S*?/(bronze|silver|gold|ref|ops)/([a-z_]+))/"
              + "(_delta_log/)?([^/\\s]+?\\.(?:parquet|json|crc))");

  private Damage() {}

  /** The plain explanation of {@code failure}, when a damaged table caused it. */
  public static Optional<String> explain(Throwable failure) {
    boolean missing = false;
    for (Throwable t = failure; t != null; t = t.getCause() == t ? null : t.getCause()) {
      missing |=
          t instanceof FileNotFoundException
              || String.valueOf(t.getMessage()).contains("FILE_NOT_EXIST");
    }
    for (Throwable t = failure; t != null; t = t.getCause() == t ? null : t.getCause()) {
      Matcher m = FILE.matcher(String.valueOf(t.getMessage()));
      if (m.find()) {
        return Optional.of(describe(m, missing, rootMessage(failure)));
      }
    }
    return Optional.empty();
  }

  private static String describe(Matcher m, boolean missing, String cause) {
    String tablePath = m.group(1);
    String table = m.group(2) + "." + m.group(3);
    boolean log = m.group(4) != null;
    String file = m.group(5);
    if (log) {
      return "warehouse table "
          + table
          + " is damaged: its log file "
          + file
          + (missing ? " is missing" : " cannot be read (" + cause + ")")
          + ". Restore "
          + tablePath
          + "/_delta_log from a backup; a bad checkpoint alone can be deleted together with"
          + " _delta_log/_last_checkpoint, and Delta then replays the JSON commits. No figures were"
          + " computed from the damaged table.";
    }
    return "warehouse table "
        + table
        + " is damaged: its data file "
        + file
        + (missing ? " is missing" : " cannot be read (" + cause + ")")
        + ". Restore the file from a backup, or roll the table back to a version before the loss"
        + " (DESCRIBE HISTORY delta.`"
        + tablePath
        + "`, then RESTORE TABLE delta.`"
        + tablePath
        + "` TO VERSION AS OF n) and run again. No figures were computed from the damaged table.";
  }

  private static String rootMessage(Throwable failure) {
    Throwable root = failure;
    while (root.getCause() != null && root.getCause() != root) {
      root = root.getCause();
    }
    String message = String.valueOf(root.getMessage());
    return message.lines().findFirst().orElse(message).replaceAll("\\s*file:\\S+", "").strip();
  }
}
