package vn.danvan.ops;

import java.util.List;
import org.apache.spark.sql.types.DataTypes;
import org.apache.spark.sql.types.StructType;

/**
 * {@code ops.files}: every landing file the job has seen, by path and content hash, and what became
 * of it. The ledger makes ingestion exactly-once: a file is read when its path, size and time are
 * new, and ingested when its content is new for its submission.
 */
public final class FileLedger {

  /** Its rows are in bronze and wait for refine. */
  public static final String INGESTED = "ingested";

  /** Its rows are the submission's current state in silver and quarantine. */
  public static final String CURRENT = "current";

  /** A later file for the same submission replaced it. */
  public static final String SUPERSEDED = "superseded";

  /** It cannot be read as a submission; {@code reason} says why. */
  public static final String REJECTED = "rejected";

  /** Its content equals a file already seen for the same submission. */
  public static final String DUPLICATE = "duplicate";

  public static final StructType SCHEMA =
      DataTypes.createStructType(
          List.of(
              DataTypes.createStructField("source_file", DataTypes.StringType, false),
              DataTypes.createStructField("file_hash", DataTypes.StringType, false),
              DataTypes.createStructField("kind", DataTypes.StringType, true),
              DataTypes.createStructField("reporting_unit", DataTypes.StringType, true),
              DataTypes.createStructField("period_key", DataTypes.StringType, true),
              DataTypes.createStructField("submission_id", DataTypes.StringType, true),
              DataTypes.createStructField("size_bytes", DataTypes.LongType, false),
              DataTypes.createStructField("modified_at", DataTypes.TimestampType, false),
              DataTypes.createStructField("first_seen_at", DataTypes.TimestampType, false),
              DataTypes.createStructField("first_seen_run", DataTypes.StringType, false),
              DataTypes.createStructField("status", DataTypes.StringType, false),
              DataTypes.createStructField("rows", DataTypes.IntegerType, false),
              DataTypes.createStructField("encoding", DataTypes.StringType, true),
              DataTypes.createStructField("number_convention", DataTypes.StringType, true),
              DataTypes.createStructField("reason_code", DataTypes.StringType, true),
              DataTypes.createStructField("reason", DataTypes.StringType, true),
              DataTypes.createStructField("refined_run", DataTypes.StringType, true)));

  /** The ledger's key. */
  public static final List<String> KEY = List.of("source_file", "file_hash");

  private FileLedger() {}
}
