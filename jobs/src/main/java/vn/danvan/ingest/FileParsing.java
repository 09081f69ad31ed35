package vn.danvan.ingest;

import java.io.IOException;
import java.io.InputStream;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.apache.hadoop.conf.Configuration;
import org.apache.hadoop.fs.Path;
import org.apache.spark.api.java.function.MapFunction;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.RowFactory;
import org.apache.spark.sql.types.DataTypes;
import org.apache.spark.sql.types.StructField;
import org.apache.spark.sql.types.StructType;
import scala.jdk.javaapi.CollectionConverters;
import vn.danvan.schema.ColumnSpec;
import vn.danvan.schema.RecordKind;
import vn.danvan.schema.TableSchemas;

/**
 * Runs on executors: a landing file's location in, one row out with the file's outcome and its data
 * rows nested, so that one pass both reads the rows and tells which files were rejected. Files are
 * read through Hadoop's FileSystem with the driver's Hadoop settings.
 */
final class FileParsing implements MapFunction<String, Row> {

  private static final long serialVersionUID = 1L;

  static final String PATH = "path";
  static final String REJECT_CODE = "reject_code";
  static final String REJECT_DETAIL = "reject_detail";
  static final String ROWS = "rows";

  private final RecordKind kind;
  private final HeaderAliases aliases;
  private final boolean keepPersonalData;
  private final String sheetName;
  private final Map<String, LandingFile> filesByUri;
  private final Map<String, String> hadoopSettings;
  private transient Configuration hadoopConf;

  FileParsing(
      RecordKind kind,
      HeaderAliases aliases,
      boolean keepPersonalData,
      String sheetName,
      Map<String, LandingFile> filesByUri,
      Configuration hadoopConf) {
    this.kind = kind;
    this.aliases = aliases;
    this.keepPersonalData = keepPersonalData;
    this.sheetName = sheetName;
    this.filesByUri = filesByUri;
    this.hadoopSettings = new HashMap<>();
    hadoopConf.forEach(e -> hadoopSettings.put(e.getKey(), e.getValue()));
  }

  private Configuration conf() {
    if (hadoopConf == null) {
      hadoopConf = new Configuration(false);
      hadoopSettings.forEach(hadoopConf::set);
    }
    return hadoopConf;
  }

  /** One data row: its position, its cells by canonical column, and the undeclared cells. */
  static StructType rowSchema(RecordKind kind) {
    List<StructField> fields = new ArrayList<>();
    fields.add(DataTypes.createStructField("source_row", DataTypes.IntegerType, false));
    fields.add(DataTypes.createStructField("source_line", DataTypes.IntegerType, false));
    for (ColumnSpec c : kind.columns()) {
      fields.add(DataTypes.createStructField(c.name(), DataTypes.StringType, true));
    }
    fields.add(
        DataTypes.createStructField(
            TableSchemas.EXTRA_COLUMNS,
            DataTypes.createMapType(DataTypes.StringType, DataTypes.StringType, true),
            false));
    return DataTypes.createStructType(fields);
  }

  /** The outcome of one file. */
  static StructType outputSchema(RecordKind kind) {
    return DataTypes.createStructType(
        List.of(
            DataTypes.createStructField(PATH, DataTypes.StringType, false),
            DataTypes.createStructField(REJECT_CODE, DataTypes.StringType, true),
            DataTypes.createStructField(REJECT_DETAIL, DataTypes.StringType, true),
            DataTypes.createStructField(TableSchemas.ENCODING, DataTypes.StringType, true),
            DataTypes.createStructField(TableSchemas.NUMBER_CONVENTION, DataTypes.StringType, true),
            DataTypes.createStructField(
                ROWS, DataTypes.createArrayType(rowSchema(kind), false), false)));
  }

  @Override
  public Row call(String uri) throws IOException {
    LandingFile file = filesByUri.get(uri);
    byte[] content;
    Path path = new Path(uri);
    try (InputStream in = path.getFileSystem(conf()).open(path)) {
      content = in.readAllBytes();
    }
    ParsedSubmission parsed =
        new SubmissionParser(kind, aliases, keepPersonalData).parse(file, content, sheetName);
    List<Row> rows = new ArrayList<>(parsed.rows().size());
    for (ParsedSubmission.DataRow r : parsed.rows()) {
      Object[] cells = new Object[kind.columns().size() + 3];
      cells[0] = r.sourceRow();
      cells[1] = r.sourceLine();
      for (int c = 0; c < kind.columns().size(); c++) {
        cells[c + 2] = r.values().get(c);
      }
      cells[cells.length - 1] = CollectionConverters.asScala(r.extras());
      rows.add(RowFactory.create(cells));
    }
    return RowFactory.create(
        uri,
        parsed.rejectCode(),
        parsed.rejectDetail(),
        parsed.encoding(),
        parsed.convention().name(),
        CollectionConverters.asScala(rows).toSeq());
  }
}
