package vn.danvan.warehouse;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.List;
import org.apache.hadoop.conf.Configuration;
import org.apache.hadoop.fs.FileStatus;
import org.apache.hadoop.fs.FileSystem;
import org.apache.hadoop.fs.Path;
import org.apache.spark.sql.SparkSession;

/**
 * Landing and reference files through Hadoop's FileSystem, so {@code s3a://}, {@code abfss://} and
 * {@code hdfs://} roots work by configuration alone.
 */
public final class Storage {

  private final Configuration conf;

  /** Storage configured like {@code spark}'s Hadoop settings. */
  public Storage(SparkSession spark) {
    this(spark.sparkContext().hadoopConfiguration());
  }

  /** Storage with Hadoop configuration {@code conf} (no Spark session needed). */
  public Storage(Configuration conf) {
    this.conf = conf;
  }

  /**
   * A file found under a root.
   *
   * @param uri fully qualified location
   * @param relativePath path below the root, forward slashes
   * @param size bytes
   * @param modifiedAt modification time, epoch milliseconds
   */
  public record Entry(String uri, String relativePath, long size, long modifiedAt) {}

  /** The fully qualified form of {@code location}. */
  public String qualify(String location) {
    try {
      Path path = new Path(location);
      return path.getFileSystem(conf).makeQualified(path).toString();
    } catch (IOException e) {
      throw new UncheckedIOException("Cannot open " + location, e);
    }
  }

  /** True when {@code location} exists. */
  public boolean exists(String location) {
    try {
      Path path = new Path(location);
      return path.getFileSystem(conf).exists(path);
    } catch (IOException e) {
      throw new UncheckedIOException("Cannot open " + location, e);
    }
  }

  /** Every file below {@code root}, recursively, hidden ones ({@code .}, {@code _}) left out. */
  public List<Entry> listFiles(String root) {
    List<Entry> entries = new ArrayList<>();
    try {
      Path rootPath = new Path(root);
      FileSystem fs = rootPath.getFileSystem(conf);
      if (!fs.exists(rootPath)) {
        return entries;
      }
      String prefix = fs.makeQualified(rootPath).toString().replaceAll("/+$", "") + "/";
      // listStatus, not listFiles: on the local file system listFiles forks a process per file to
      // read permissions we do not need.
      collect(fs, rootPath, prefix, entries);
      entries.sort(java.util.Comparator.comparing(Entry::relativePath));
      return entries;
    } catch (IOException e) {
      throw new UncheckedIOException("Cannot list " + root, e);
    }
  }

  private static void collect(FileSystem fs, Path dir, String prefix, List<Entry> entries)
      throws IOException {
    for (FileStatus status : fs.listStatus(dir)) {
      String uri = status.getPath().toString();
      String relative = uri.startsWith(prefix) ? uri.substring(prefix.length()) : uri;
      if (isHidden(relative)) {
        continue;
      }
      if (status.isDirectory()) {
        collect(fs, status.getPath(), prefix, entries);
      } else {
        entries.add(new Entry(uri, relative, status.getLen(), status.getModificationTime()));
      }
    }
  }

  /** {@code entry} as the file system sees it now; empty when the file has gone. */
  public java.util.Optional<Entry> refresh(Entry entry) {
    try {
      Path path = new Path(entry.uri());
      FileStatus status = path.getFileSystem(conf).getFileStatus(path);
      return java.util.Optional.of(
          new Entry(
              entry.uri(), entry.relativePath(), status.getLen(), status.getModificationTime()));
    } catch (java.io.FileNotFoundException e) {
      return java.util.Optional.empty();
    } catch (IOException e) {
      throw new UncheckedIOException("Cannot read " + entry.uri(), e);
    }
  }

  /** Opens {@code location} for reading. */
  public InputStream open(String location) {
    try {
      Path path = new Path(location);
      return path.getFileSystem(conf).open(path);
    } catch (IOException e) {
      throw new UncheckedIOException("Cannot read " + location, e);
    }
  }

  /** Reads all of {@code location}. */
  public byte[] readAll(String location) {
    try (InputStream in = open(location)) {
      return in.readAllBytes();
    } catch (IOException e) {
      throw new UncheckedIOException("Cannot read " + location, e);
    }
  }

  private static boolean isHidden(String relative) {
    for (String part : relative.split("/")) {
      if (part.startsWith(".") || part.startsWith("_")) {
        return true;
      }
    }
    return false;
  }
}
