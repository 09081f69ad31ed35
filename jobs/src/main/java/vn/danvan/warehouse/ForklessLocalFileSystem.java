package vn.danvan.warehouse;

import java.io.IOException;
import java.net.URI;
import java.net.URISyntaxException;
import java.nio.file.Files;
import java.nio.file.attribute.PosixFilePermissions;
import org.apache.hadoop.conf.Configuration;
import org.apache.hadoop.fs.ChecksumFs;
import org.apache.hadoop.fs.DelegateToFileSystem;
import org.apache.hadoop.fs.FileStatus;
import org.apache.hadoop.fs.FsConstants;
import org.apache.hadoop.fs.FsServerDefaults;
import org.apache.hadoop.fs.LocalFileSystem;
import org.apache.hadoop.fs.Path;
import org.apache.hadoop.fs.RawLocalFileSystem;
import org.apache.hadoop.fs.local.LocalConfigKeys;
import org.apache.hadoop.fs.permission.FsPermission;
import org.apache.hadoop.io.nativeio.NativeIO;

/**
 * Hadoop's local file system, checksums and all, without starting a process per file.
 *
 * <p>Without Hadoop's native library (it is not published to Maven Central, so never on our
 * classpath) the local file system runs {@code chmod} for every file and folder it creates, and
 * {@code readlink} twice for every rename through a FileContext — Delta renames each commit into
 * place that way. The sample run started 1 636 processes (JFR's {@code jdk.ProcessStart},
 * 2026-11-23), a run over five files 888, at about 2.5 ms each on the driver's and the tasks'
 * threads. Here permissions are set and symbolic links told apart with java.nio; everything else is
 * Hadoop's. {@link SparkSessions} selects it for {@code file:} paths, through the FileSystem API
 * (this class) and the FileContext API ({@link Context}).
 */
public final class ForklessLocalFileSystem extends LocalFileSystem {

  /** The FileSystem for {@code fs.file.impl}. */
  public ForklessLocalFileSystem() {
    super(new Raw());
  }

  /** The same for FileContext ({@code fs.AbstractFileSystem.file.impl}), as Hadoop's LocalFs. */
  public static final class Context extends ChecksumFs {

    /** Called by Hadoop with the URI and configuration of the FileContext being made. */
    public Context(URI uri, Configuration conf) throws IOException, URISyntaxException {
      super(new RawContext(uri, conf));
    }
  }

  /** Hadoop's RawLocalFs over {@link Raw}: its three overrides, the rest delegated. */
  private static final class RawContext extends DelegateToFileSystem {

    RawContext(URI uri, Configuration conf) throws IOException, URISyntaxException {
      super(uri, new Raw(), conf, FsConstants.LOCAL_FS_URI.getScheme(), false);
    }

    @Override
    public int getUriDefaultPort() {
      return -1; // no port
    }

    @Override
    public FsServerDefaults getServerDefaults(Path f) throws IOException {
      return LocalConfigKeys.getServerDefaults();
    }

    @Override
    @Deprecated
    public FsServerDefaults getServerDefaults() throws IOException {
      return LocalConfigKeys.getServerDefaults();
    }

    @Override
    public boolean isValidName(String src) {
      return true; // any local path
    }
  }

  /** The raw local file system with java.nio where Hadoop would start a process. */
  static final class Raw extends RawLocalFileSystem {

    /** As Hadoop's {@code chmod} of the nine permission bits; anything else is left to Hadoop. */
    @Override
    public void setPermission(Path p, FsPermission permission) throws IOException {
      if (NativeIO.isAvailable() || permission.getStickyBit()) {
        super.setPermission(p, permission);
        return;
      }
      String bits =
          permission.getUserAction().SYMBOL
              + permission.getGroupAction().SYMBOL
              + permission.getOtherAction().SYMBOL;
      try {
        Files.setPosixFilePermissions(
            pathToFile(p).toPath(), PosixFilePermissions.fromString(bits));
      } catch (UnsupportedOperationException notPosix) {
        super.setPermission(p, permission);
      }
    }

    /**
     * A symbolic link's status as Hadoop gives it; anything else's is its file status, which is
     * what Hadoop returns after its {@code readlink} found no link.
     */
    @Override
    public FileStatus getFileLinkStatus(Path f) throws IOException {
      return Files.isSymbolicLink(pathToFile(f).toPath())
          ? super.getFileLinkStatus(f)
          : getFileStatus(f);
    }
  }
}
