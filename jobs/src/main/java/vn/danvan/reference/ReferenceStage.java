package vn.danvan.reference;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.Callable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import vn.danvan.job.JobContext;
import vn.danvan.job.Parallel;
import vn.danvan.warehouse.TableName;

/**
 * Reference files → {@code ref.*} tables; a table is rewritten only when its file changed, so a run
 * with nothing new writes no new version.
 */
public final class ReferenceStage {

  private static final Logger LOG = LoggerFactory.getLogger(ReferenceStage.class);

  /** Writes the reference tables whose files changed; returns how many were written. */
  public int execute(JobContext ctx) {
    List<Callable<Boolean>> tables = new ArrayList<>();
    for (Map.Entry<TableName, String> e : ReferenceTables.SOURCES.entrySet()) {
      tables.add(() -> write(ctx, e.getKey(), e.getValue()));
    }
    int written = (int) Parallel.run(tables).stream().filter(w -> w).count();
    if (written > 0) {
      LOG.info("reference: {} table(s) written from {}", written, ctx.reference().root());
    }
    return written;
  }

  private static boolean write(JobContext ctx, TableName table, String file) {
    String hash = "sha256:" + ctx.reference().hashes().get(file);
    Optional<String> recorded = ctx.warehouse().lastNote(table);
    if (recorded.isPresent() && recorded.get().equals(hash)) {
      return false;
    }
    ctx.warehouse()
        .overwrite(table, ReferenceTables.frame(ctx.spark(), ctx.reference().file(file)), hash);
    return true;
  }
}
