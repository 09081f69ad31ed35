package vn.danvan.cluster;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.io.Reader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.FileTime;
import java.util.ArrayList;
import java.util.List;
import java.util.Properties;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;

/**
 * The sample province on a real Spark standalone cluster (master and worker started from the Maven
 * classpath by {@code bin/cluster-check}), submitted with spark-submit and the application jar,
 * gives the same silver and gold tables as a local run. The local run is the jobs module's {@code
 * SampleProvinceTest} when it ran on the code and data of this build (its day given to the
 * cluster's run with {@code --today}); otherwise cluster-check makes one.
 */
class ClusterCheckIT {

  @Test
  void theClusterRunMatchesTheLocalRun() throws IOException, InterruptedException {
    Path repo = Path.of(System.getProperty("danvan.repo", "..")).toAbsolutePath().normalize();
    List<String> command = new ArrayList<>(List.of(repo.resolve("bin/cluster-check").toString()));
    command.addAll(suiteLocalRun(repo));
    Path log = Files.createTempFile("cluster-check", ".log");
    Process p =
        new ProcessBuilder(command)
            .directory(repo.toFile())
            .redirectErrorStream(true)
            .redirectOutput(log.toFile())
            .start();
    boolean finished = p.waitFor(20, TimeUnit.MINUTES);
    if (!finished) {
      p.descendants().forEach(ProcessHandle::destroy);
      p.destroy();
    }
    String output = Files.readString(log, StandardCharsets.UTF_8);

    assertThat(finished).as("%s finished within 20 min:%n%s", command, output).isTrue();
    assertThat(p.exitValue()).as("%s's exit code; its output:%n%s", command, output).isZero();
    assertThat(output)
        .contains("gold.indicator_values: same")
        .contains("gold.league: same")
        .contains("silver.dialogues: same")
        .contains("10 table(s) the same")
        .containsPattern("the worker's executors ran [1-9][0-9]* task");
  }

  /**
   * {@code --today} and {@code --compare-with} naming SampleProvinceTest's run of the sample, when
   * it is newer than every source, class and data file it was made from; none otherwise.
   */
  private static List<String> suiteLocalRun(Path repo) throws IOException {
    Path run = repo.resolve("jobs/target/sample-province");
    Path note = run.resolve("sample-run.properties");
    if (!Files.exists(note)) {
      return List.of();
    }
    FileTime written = Files.getLastModifiedTime(note);
    for (String made : List.of("jobs/src/main", "jobs/target/classes", "data")) {
      try (Stream<Path> files = Files.walk(repo.resolve(made))) {
        boolean newer =
            files.anyMatch(
                f -> {
                  try {
                    return Files.getLastModifiedTime(f).compareTo(written) > 0;
                  } catch (IOException e) {
                    return true;
                  }
                });
        if (newer) {
          return List.of();
        }
      }
    }
    Properties properties = new Properties();
    try (Reader r = Files.newBufferedReader(note, StandardCharsets.UTF_8)) {
      properties.load(r);
    }
    return List.of(
        "--today",
        properties.getProperty("today"),
        "--compare-with",
        run.resolve("warehouse").toString());
  }
}
