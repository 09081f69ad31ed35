package vn.danvan.bench;

import static org.apache.spark.sql.functions.input_file_name;
import static org.apache.spark.sql.functions.regexp_extract;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.SparkSession;
import vn.danvan.warehouse.SparkSessions;

/**
 * The platform floor: the least a Spark + Delta job can do with the same landing files — load them
 * into Delta as they are, then compute the five indicators by district × quarter into Delta. No
 * validation, no lineage, no bases, no packs. Runs in its own JVM, like the job.
 */
public final class PlatformFloor {

  private PlatformFloor() {}

  /** Arguments: landing folder, reference folder, warehouse folder, result CSV. */
  public static void main(String[] args) throws IOException {
    String landing = args[0];
    String reference = args[1];
    String warehouse = args[2];
    SparkSession spark = SparkSessions.create("local[*]", "platform floor");
    // The files' own headers ("Mã cuộc", "Số phiếu thu về") become the column names, as a minimal
    // job would keep them; Delta stores names with spaces only under column mapping.
    spark.conf().set("spark.databricks.delta.properties.defaults.columnMapping.mode", "name");
    for (String kind : List.of("dialogues", "outreach", "models")) {
      Dataset<Row> raw =
          spark
              .read()
              .option("header", true)
              .csv(landing + "/" + kind + "/*/*.csv")
              .withColumn("district", regexp_extract(input_file_name(), kind + "/([^/]+)/", 1));
      raw.write().format("delta").mode("overwrite").save(warehouse + "/" + kind);
      spark
          .read()
          .format("delta")
          .load(warehouse + "/" + kind)
          .createOrReplaceTempView(kind + "_raw");
    }
    spark
        .read()
        .option("header", true)
        .csv(reference + "/units.csv")
        .createOrReplaceTempView("units");
    spark.sql(
        "CREATE OR REPLACE TEMP VIEW quarters AS SELECT concat(cast(year(d) AS string), '-Q',"
            + " cast(quarter(d) AS string)) AS q, last_day(add_months(d, 2)) AS q_end FROM (SELECT"
            + " explode(sequence(DATE'2019-01-01', DATE'2026-12-01', INTERVAL 3 MONTH)) AS d)");
    Dataset<Row> five = spark.sql(FiveIndicators.forSpark());
    five.write().format("delta").mode("overwrite").save(warehouse + "/five");
    StringBuilder csv = new StringBuilder("indicator_id,district,q,value\n");
    for (Row r : spark.read().format("delta").load(warehouse + "/five").collectAsList()) {
      csv.append(r.getString(0))
          .append(',')
          .append(r.getString(1))
          .append(',')
          .append(r.getString(2))
          .append(',')
          .append(r.isNullAt(3) ? "" : Double.toString(r.getDouble(3)))
          .append('\n');
    }
    Files.writeString(Path.of(args[3]), csv, StandardCharsets.UTF_8);
    spark.stop();
  }
}
