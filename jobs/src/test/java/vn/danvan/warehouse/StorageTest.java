package vn.danvan.warehouse;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.FileTime;
import java.util.List;
import org.apache.hadoop.conf.Configuration;
import org.apache.hadoop.fs.FileSystem;
import org.apache.hadoop.fs.RawLocalFileSystem;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class StorageTest {

  @TempDir Path root;

  private Path landing;

  @org.junit.jupiter.api.BeforeEach
  void landing() throws IOException {
    landing = Files.createDirectories(root.resolve("landing"));
  }

  /**
   * A local landing is walked by Java, not through Hadoop's statuses: it must still name every file
   * as Hadoop does (the ledger keys on these names, and Hadoop opens the URIs), go into linked
   * folders as Hadoop does, leave the hidden ones out and keep sizes and times.
   */
  @Test
  void aLocalLandingIsListedAsHadoopNamesItsFiles() throws IOException {
    write("dialogues/BY/2021-Q1.csv", "a");
    write("dialogues/BY/2021-Q2 bản sửa #2 (100%).csv", "bb");
    write("outreach/Bảo Yên/2021-Q1.xlsx", "ccc");
    write("dialogues/BY/.2021-Q3.csv.partial", "hidden");
    write("_archive/dialogues/BY/2020-Q4.csv", "hidden");
    write("dialogues/_tmp/2021-Q1.csv", "hidden");
    write("../shared/drives/BY/2021-Q1.csv", "dddd");
    Files.createSymbolicLink(landing.resolve("drives"), landing.resolveSibling("shared/drives"));
    Files.setLastModifiedTime(
        landing.resolve("dialogues/BY/2021-Q1.csv"), FileTime.fromMillis(1_600_000_000_000L));
    Storage storage = new Storage(new Configuration());

    List<Storage.Entry> entries = storage.listFiles(landing.toString());

    assertThat(entries)
        .extracting(Storage.Entry::relativePath)
        .containsExactly(
            "dialogues/BY/2021-Q1.csv",
            "dialogues/BY/2021-Q2 bản sửa #2 (100%).csv",
            "drives/BY/2021-Q1.csv",
            "outreach/Bảo Yên/2021-Q1.xlsx");
    FileSystem hadoop = new RawLocalFileSystem();
    hadoop.initialize(java.net.URI.create("file:///"), new Configuration());
    for (Storage.Entry e : entries) {
      org.apache.hadoop.fs.Path path =
          hadoop.makeQualified(
              new org.apache.hadoop.fs.Path(landing.resolve(e.relativePath()).toString()));
      assertThat(e.uri()).as("the URI of %s", e.relativePath()).isEqualTo(path.toString());
      assertThat(e.size()).isEqualTo(hadoop.getFileStatus(path).getLen());
      assertThat(storage.readAll(e.uri())).hasSize((int) e.size());
    }
    assertThat(entries.get(0).modifiedAt()).isEqualTo(1_600_000_000_000L);
    assertThat(storage.listFiles(landing.resolve("none").toString())).isEmpty();
  }

  private void write(String relative, String text) throws IOException {
    Path file = landing.resolve(relative);
    Files.createDirectories(file.getParent());
    Files.writeString(file, text, StandardCharsets.UTF_8);
  }
}
