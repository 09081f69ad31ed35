package vn.danvan.publish;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.net.URISyntaxException;
import java.net.URL;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.CodeSource;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.TreeMap;
import java.util.jar.JarEntry;
import java.util.jar.JarFile;
import java.util.stream.Stream;
import org.apache.commons.codec.digest.DigestUtils;

/**
 * What draws a review pack, as one digest: the classes and resources of this package (charts,
 * documents, labels) and the libraries and font they draw with. Two packs of the same figures drawn
 * by code of the same digest are the same pack; a release that changes how packs look changes it,
 * so that its first run draws every pack again rather than leave the last release's drawings.
 */
final class DrawingCode {

  private static final String PACKAGE = DrawingCode.class.getPackageName().replace('.', '/') + "/";

  /** Every package of the application: vn/danvan/. */
  private static final String APPLICATION = PACKAGE.substring(0, PACKAGE.indexOf("publish/"));

  /**
   * The libraries that draw, by Maven group and artifact: each jar carries its version in {@code
   * META-INF/maven/<group>/<artifact>/pom.properties}, which the shaded jar for spark-submit keeps.
   */
  private static final List<String> LIBRARIES =
      List.of(
          "org.jfree/jfreechart",
          "org.jfree/org.jfree.svg",
          "org.apache.pdfbox/pdfbox",
          "org.apache.pdfbox/fontbox");

  private static final String CURRENT = compute();

  private static final String APPLICATION_CODE = computeApplication();

  private DrawingCode() {}

  /** The digest of the code this process draws with. */
  static String current() {
    return CURRENT;
  }

  /**
   * The digest of the whole application this process runs: what turns gold's rows into a pack's
   * figures lies outside the drawing code too (the catalogue, periods, units).
   */
  static String application() {
    return APPLICATION_CODE;
  }

  private static String computeApplication() {
    URL classes = location(DrawingCode.class);
    return "sha256:"
        + ("file".equals(classes.getProtocol())
            ? ofPackage(path(classes), APPLICATION)
            : DigestUtils.sha256Hex(classes.toString()));
  }

  private static String compute() {
    List<String> parts = new ArrayList<>();
    URL classes = location(DrawingCode.class);
    parts.add(
        "file".equals(classes.getProtocol())
            ? ofPackage(path(classes), PACKAGE)
            : classes.toString());
    LIBRARIES.forEach(library -> parts.add(library + ":" + version(library)));
    parts.add(ofResource(ChartFonts.REGULAR_RESOURCE));
    parts.add(ofResource(ChartFonts.BOLD_RESOURCE));
    return "sha256:" + DigestUtils.sha256Hex(String.join("\n", parts));
  }

  /**
   * The digest of every file of this package under {@code codeSource}: a folder of classes (a
   * build's, the tests') or a jar.
   */
  static String ofPackage(Path codeSource) {
    return ofPackage(codeSource, PACKAGE);
  }

  /** The digest of every file under the folder {@code prefix} (a/b/) of {@code codeSource}. */
  private static String ofPackage(Path codeSource, String prefix) {
    Map<String, String> files = new TreeMap<>();
    try {
      if (Files.isDirectory(codeSource)) {
        Path dir = codeSource.resolve(prefix);
        try (Stream<Path> walk = Files.walk(dir)) {
          for (Path f : walk.filter(Files::isRegularFile).toList()) {
            files.put(
                dir.relativize(f).toString().replace('\\', '/'),
                DigestUtils.sha256Hex(Files.readAllBytes(f)));
          }
        }
      } else {
        try (JarFile jar = new JarFile(codeSource.toFile())) {
          for (JarEntry e : jar.stream().toList()) {
            if (!e.isDirectory() && e.getName().startsWith(prefix)) {
              try (InputStream in = jar.getInputStream(e)) {
                files.put(e.getName().substring(prefix.length()), DigestUtils.sha256Hex(in));
              }
            }
          }
        }
      }
    } catch (IOException e) {
      throw new UncheckedIOException("Cannot read the drawing code in " + codeSource, e);
    }
    if (files.isEmpty()) {
      throw new IllegalStateException("No code under " + codeSource + " at " + prefix);
    }
    return DigestUtils.sha256Hex(files.toString());
  }

  /** The version of the library {@code coordinates} (group/artifact) on the classpath. */
  static String version(String coordinates) {
    String resource = "/META-INF/maven/" + coordinates + "/pom.properties";
    try (InputStream in = DrawingCode.class.getResourceAsStream(resource)) {
      if (in == null) {
        throw new IllegalStateException("No " + resource + " on the classpath");
      }
      Properties pom = new Properties();
      pom.load(in);
      return pom.getProperty("version");
    } catch (IOException e) {
      throw new UncheckedIOException("Cannot read " + resource, e);
    }
  }

  private static String ofResource(String resource) {
    try (InputStream in = ChartFonts.stream(resource)) {
      return DigestUtils.sha256Hex(in);
    } catch (IOException e) {
      throw new UncheckedIOException("Cannot read " + resource, e);
    }
  }

  /** The jar or folder {@code type} was loaded from. */
  private static URL location(Class<?> type) {
    CodeSource source = type.getProtectionDomain().getCodeSource();
    if (source == null || source.getLocation() == null) {
      throw new IllegalStateException("No code source for " + type.getName());
    }
    return source.getLocation();
  }

  private static Path path(URL url) {
    try {
      return Path.of(url.toURI());
    } catch (URISyntaxException e) {
      throw new IllegalStateException("Code source " + url, e);
    }
  }
}
