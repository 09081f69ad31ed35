package vn.danvan.reference;

import java.util.Map;
import java.util.Optional;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import vn.danvan.job.JobContext;
import vn.danvan.warehouse.TableName;

/**
 * Reference files → {@code ref.*} tables; a table is rewritten only when its file changed, so a run
 * with nothing new writes no new version.
 */
public final class ReferenceStage {

  private static final Logger LOG = LoggerFactory.getLogger(ReferenceStage.class);

  /** Writes the reference tables whose files changed; returns how many were written. */
  public int execute(JobContext ctx) {
    int written = 0;
    for (Map.Entry<TableName, String> e : ReferenceTables.SOURCES.entrySet()) {
      String file = e.getValue();
      String hash = "sha256:" + ctx.reference().hashes().get(file);
      Optional<String> recorded = ctx.warehouse().lastNote(e.getKey());
      if (recorded.isPresent() && recorded.get().equals(hash)) {
        continue;
      }
      ctx.warehouse()
          .overwrite(
              e.getKey(), ReferenceTables.frame(ctx.spark(), ctx.reference().file(file)), hash);
      written++;
    }
    if (written > 0) {
      LOG.info("reference: {} table(s) written from {}", written, ctx.reference().root());
    }
    return written;
  }
}
