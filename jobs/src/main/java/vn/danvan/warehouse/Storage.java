package vn.danvan.warehouse;

import static java.nio.file.FileVisitResult.CONTINUE;
import static java.nio.file.FileVisitResult.SKIP_SUBTREE;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.file.FileVisitOption;
import java.nio.file.FileVisitResult;
import java.nio.file.Files;
import java.nio.file.SimpleFileVisitor;
import java.nio.file.attribute.BasicFileAttributes;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.EnumSet;
import java.util.List;
import org.apache.hadoop.conf.Configuration;
import org.apache.hadoop.fs.FileStatus;
import org.apache.hadoop.fs.FileSystem;
import org.apache.hadoop.fs.LocalFileSystem;
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

  /**
   * Every file below {@code root}, recursively, hidden ones ({@code .}, {@code _}) left out, in
   * order of their relative paths.
   */
  public List<Entry> listFiles(String root) {
    List<Entry> entries = new ArrayList<>();
    try {
      Path rootPath = new Path(root);
      FileSystem fs = rootPath.getFileSystem(conf);
      if (!fs.exists(rootPath)) {
        return entries;
      }
      String prefix = fs.makeQualified(rootPath).toString().replaceAll("/+$", "") + "/";
      if (fs instanceof LocalFileSystem local) {
        // A nation's landing is 140 000 files: Java's own walk reads them 3-4 times faster than
        // Hadoop's statuses (43 791 files: 0.3-0.7 s against 1.1-2.6 s).
        walk(local.pathToFile(rootPath).toPath(), prefix, entries);
      } else {
        collect(fs, rootPath, prefix, entries);
      }
      entries.sort(Comparator.comparing(Entry::relativePath));
      return entries;
    } catch (IOException e) {
      throw new UncheckedIOException("Cannot list " + root, e);
    }
  }

  /**
   * Files below {@code dir} through Hadoop's statuses: listStatus, not listFiles, which on the
   * local file system forks a process per file to read permissions we do not need.
   */
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

  /** Files below the local folder {@code root}, named as {@link #collect} names them. */
  private static void walk(java.nio.file.Path root, String prefix, List<Entry> entries)
      throws IOException {
    // Into linked folders too, as Hadoop's statuses go.
    Files.walkFileTree(
        root,
        EnumSet.of(FileVisitOption.FOLLOW_LINKS),
        Integer.MAX_VALUE,
        new SimpleFileVisitor<>() {
          @Override
          public FileVisitResult preVisitDirectory(
              java.nio.file.Path dir, BasicFileAttributes attributes) {
            return dir.equals(root) || !isHiddenName(dir) ? CONTINUE : SKIP_SUBTREE;
          }

          @Override
          public FileVisitResult visitFile(
              java.nio.file.Path file, BasicFileAttributes attributes) {
            if (!isHiddenName(file)) {
              String relative = root.relativize(file).toString().replace('\\', '/');
              entries.add(
                  new Entry(
                      prefix + relative,
                      relative,
                      attributes.size(),
                      attributes.lastModifiedTime().toMillis()));
            }
            return CONTINUE;
          }
        });
  }

  private static boolean isHiddenName(java.nio.file.Path path) {
    return isHidden(path.getFileName().toString());
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
