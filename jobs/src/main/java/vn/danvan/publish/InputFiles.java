package vn.danvan.publish;

import static org.apache.spark.sql.functions.col;

import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import org.apache.spark.sql.Row;
import vn.danvan.indicators.GoldScope;
import vn.danvan.job.JobContext;
import vn.danvan.ops.FileLedger;
import vn.danvan.warehouse.TableName;

/**
 * The landing files behind the figures, for the packs' manifests: the ledger's current files, read
 * once per publish, and the territory of each file's reporting unit. A province's figures are
 * summed from the files of its territory only — the units joined to it, at any time, by membership
 * or by lineage ({@link GoldScope#territories}) — so its manifest names those, not the nation's.
 */
final class InputFiles {

  /** One current file: its path, the territory of its reporting unit (null: unplaced), hash. */
  private record File(String path, String territory, String hash) {}

  private final List<File> files;
  private final Map<String, String> territories;

  private InputFiles(List<File> files, Map<String, String> territories) {
    this.files = files;
    this.territories = territories;
  }

  /** The current files of {@code ops.files} in the command's snapshot. */
  static InputFiles read(JobContext ctx) {
    Map<String, String> territories =
        GoldScope.territories(ctx.reference().units(), ctx.reference().lineage());
    List<File> files =
        ctx
            .snapshot()
            .read(TableName.FILES, FileLedger.SCHEMA)
            .filter(col("status").equalTo(FileLedger.CURRENT))
            .select("source_file", "reporting_unit", "file_hash")
            .collectAsList()
            .stream()
            .map(
                (Row r) ->
                    new File(
                        r.getString(0),
                        r.isNullAt(1) ? null : territories.get(r.getString(1)),
                        r.getString(2)))
            .toList();
    return new InputFiles(files, territories);
  }

  /**
   * Path → {@code sha256:…} of the files behind {@code province}'s figures: those of its territory,
   * and any whose reporting unit the directory cannot place (they may count anywhere).
   */
  Map<String, String> of(String province) {
    String territory = territories.get(province);
    Map<String, String> behind = new TreeMap<>();
    for (File f : files) {
      if (f.territory() == null || territory == null || f.territory().equals(territory)) {
        behind.put(f.path(), "sha256:" + f.hash());
      }
    }
    return behind;
  }
}
