package vn.danvan.warehouse;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.List;
import org.apache.hadoop.conf.Configuration;
import org.apache.hadoop.fs.FSDataOutputStream;
import org.apache.hadoop.fs.FileContext;
import org.apache.hadoop.fs.FileStatus;
import org.apache.hadoop.fs.FileSystem;
import org.apache.hadoop.fs.FsConstants;
import org.apache.hadoop.fs.LocalFileSystem;
import org.apache.hadoop.fs.Options;
import org.apache.hadoop.fs.Path;
import org.apache.hadoop.fs.permission.FsPermission;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import vn.danvan.testing.SharedSpark;

class ForklessLocalFileSystemTest {

  @TempDir java.nio.file.Path dir;

  /** The Hadoop configuration the warehouse's sessions give {@code file:} paths. */
  private static Configuration sessionConf() {
    return SharedSpark.get().sparkContext().hadoopConfiguration();
  }

  private static String permissions(java.nio.file.Path path) throws IOException {
    return PosixFilePermissions.toString(Files.getPosixFilePermissions(path));
  }

  @Test
  void theSessionReadsAndWritesLocalPathsThroughIt() throws IOException {
    assertThat(FileSystem.get(FsConstants.LOCAL_FS_URI, sessionConf()))
        .isInstanceOf(ForklessLocalFileSystem.class);
    assertThat(
            FileContext.getFileContext(FsConstants.LOCAL_FS_URI, sessionConf())
                .getDefaultFileSystem())
        .isInstanceOf(ForklessLocalFileSystem.Context.class);
  }

  @Test
  void filesAndFoldersGetThePermissionsAsked() throws IOException {
    FileSystem fs = FileSystem.newInstance(FsConstants.LOCAL_FS_URI, sessionConf());
    Path folder = new Path(dir.toUri().toString(), "a/b");
    assertThat(fs.mkdirs(folder, new FsPermission((short) 0750))).isTrue();
    Path file = new Path(folder, "part-0.parquet");
    try (FSDataOutputStream out =
        fs.create(file, new FsPermission((short) 0640), false, 4096, (short) 1, 1 << 20, null)) {
      out.write("dữ liệu".getBytes(StandardCharsets.UTF_8));
    }
    assertThat(permissions(dir.resolve("a/b"))).isEqualTo("rwxr-x---");
    assertThat(permissions(dir.resolve("a/b/part-0.parquet"))).isEqualTo("rw-r-----");
    assertThat(dir.resolve("a/b/.part-0.parquet.crc")).as("Hadoop's checksum kept").exists();
    fs.setPermission(file, new FsPermission((short) 0604));
    assertThat(permissions(dir.resolve("a/b/part-0.parquet"))).isEqualTo("rw----r--");
    fs.close();
  }

  @Test
  void aRenameThroughAFileContextMovesTheFileAndItsChecksum() throws IOException {
    FileContext fc = FileContext.getFileContext(FsConstants.LOCAL_FS_URI, sessionConf());
    Path from = new Path(dir.toUri().toString(), "_delta_log/.00000.json.tmp");
    try (FSDataOutputStream out =
        fc.create(
            from,
            java.util.EnumSet.of(org.apache.hadoop.fs.CreateFlag.CREATE),
            Options.CreateOpts.createParent())) {
      out.write("{\"commitInfo\":{}}".getBytes(StandardCharsets.UTF_8));
    }
    Path to = new Path(dir.toUri().toString(), "_delta_log/00000.json");
    fc.rename(from, to, Options.Rename.NONE);
    assertThat(Files.readString(dir.resolve("_delta_log/00000.json")))
        .isEqualTo("{\"commitInfo\":{}}");
    assertThat(dir.resolve("_delta_log/.00000.json.crc")).exists();
    assertThat(dir.resolve("_delta_log/.00000.json.tmp")).doesNotExist();
  }

  /** As Hadoop's own local file system answers, whose readlink sees links on bare paths only. */
  @Test
  void aSymbolicLinkIsToldFromAFileAsHadoopTellsIt() throws IOException {
    FileSystem fs = FileSystem.newInstance(FsConstants.LOCAL_FS_URI, sessionConf());
    FileSystem hadoops = new LocalFileSystem();
    hadoops.initialize(FsConstants.LOCAL_FS_URI, new Configuration());
    java.nio.file.Path target = Files.writeString(dir.resolve("units.csv"), "unit_code\n");
    Files.createSymbolicLink(dir.resolve("link.csv"), target);
    FileStatus link = fs.getFileLinkStatus(new Path(dir.resolve("link.csv").toString()));
    assertThat(link.isSymlink()).isTrue();
    assertThat(link.getSymlink().toUri().getPath()).isEqualTo(target.toString());
    for (String name : List.of("link.csv", "units.csv")) {
      for (Path p :
          List.of(
              new Path(dir.resolve(name).toString()),
              new Path(dir.resolve(name).toUri().toString()))) {
        FileStatus ours = fs.getFileLinkStatus(p);
        FileStatus theirs = hadoops.getFileLinkStatus(p);
        assertThat(ours.isSymlink()).as(p.toString()).isEqualTo(theirs.isSymlink());
        assertThat(ours.isFile()).as(p.toString()).isEqualTo(theirs.isFile());
        assertThat(ours.getLen()).as(p.toString()).isEqualTo(theirs.getLen());
        assertThat(ours.getPath()).as(p.toString()).isEqualTo(theirs.getPath());
      }
    }
    assertThat(fs.getFileLinkStatus(new Path(dir.resolve("units.csv").toString())).getLen())
        .isEqualTo(10);
    fs.close();
    hadoops.close();
  }
}
