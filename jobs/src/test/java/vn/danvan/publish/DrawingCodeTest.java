package vn.danvan.publish;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.jar.JarEntry;
import java.util.jar.JarOutputStream;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import vn.danvan.testing.TestProvince;

/** The digest of the drawing code follows its files, whether built as a folder or a jar. */
class DrawingCodeTest {

  private static final String PACKAGE = "vn/danvan/publish/";

  @TempDir Path dir;

  @Test
  void aChangedClassOrLabelChangesTheDigestAndAJarOfTheSameFilesDoesNot() throws IOException {
    Path classes = dir.resolve("classes");
    write(classes.resolve(PACKAGE + "PackCharts.class"), "charts v1");
    write(classes.resolve(PACKAGE + "labels.csv"), "key,vi,en\npack.title,Báo cáo,Report\n");
    write(classes.resolve("vn/danvan/other/Elsewhere.class"), "not drawing code");
    String built = DrawingCode.ofPackage(classes);

    Path jar = dir.resolve("danvan.jar");
    try (JarOutputStream out = new JarOutputStream(Files.newOutputStream(jar))) {
      add(out, PACKAGE + "labels.csv", "key,vi,en\npack.title,Báo cáo,Report\n");
      add(out, PACKAGE + "PackCharts.class", "charts v1");
      add(out, "vn/danvan/other/Elsewhere.class", "something else entirely");
    }
    assertThat(DrawingCode.ofPackage(jar)).as("the same files in a jar").isEqualTo(built);

    write(classes.resolve("vn/danvan/other/Elsewhere.class"), "changed, not drawing code");
    assertThat(DrawingCode.ofPackage(classes)).as("another package changed").isEqualTo(built);

    write(classes.resolve(PACKAGE + "PackCharts.class"), "charts v2");
    String chartsChanged = DrawingCode.ofPackage(classes);
    assertThat(chartsChanged).as("a class of the package changed").isNotEqualTo(built);

    write(
        classes.resolve(PACKAGE + "labels.csv"), "key,vi,en\npack.title,Báo cáo tổng hợp,Report\n");
    assertThat(DrawingCode.ofPackage(classes))
        .as("a label changed")
        .isNotEqualTo(chartsChanged)
        .isNotEqualTo(built);
  }

  /** The versions the build pins (the root pom's properties), read from the jars themselves. */
  @Test
  void theDrawingLibrariesVersionsAreThoseTheBuildPins() throws IOException {
    String pom = Files.readString(TestProvince.repository().resolve("pom.xml"));
    assertThat(DrawingCode.version("org.jfree/jfreechart")).isEqualTo(pinned(pom, "jfreechart"));
    assertThat(DrawingCode.version("org.jfree/org.jfree.svg")).isEqualTo(pinned(pom, "jfreesvg"));
    assertThat(DrawingCode.version("org.apache.pdfbox/pdfbox")).isEqualTo(pinned(pom, "pdfbox"));
  }

  private static String pinned(String pom, String property) {
    Matcher m = Pattern.compile("<" + property + ".version>([^<]+)<").matcher(pom);
    assertThat(m.find()).as("%s.version in the root pom", property).isTrue();
    return m.group(1);
  }

  private static void write(Path file, String content) throws IOException {
    Files.createDirectories(file.getParent());
    Files.writeString(file, content);
  }

  private static void add(JarOutputStream jar, String name, String content) throws IOException {
    jar.putNextEntry(new JarEntry(name));
    jar.write(content.getBytes(StandardCharsets.UTF_8));
    jar.closeEntry();
  }
}
