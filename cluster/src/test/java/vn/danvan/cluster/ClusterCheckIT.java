package vn.danvan.cluster;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

/**
 * The sample province on a real Spark standalone cluster (master and worker started from the Maven
 * classpath by {@code bin/cluster-check}), submitted with spark-submit and the application jar,
 * gives the same silver and gold tables as a local run.
 */
class ClusterCheckIT {

  @Test
  void theClusterRunMatchesTheLocalRun() throws IOException, InterruptedException {
    Path repo = Path.of(System.getProperty("danvan.repo", "..")).toAbsolutePath().normalize();
    Path log = Files.createTempFile("cluster-check", ".log");
    Process p =
        new ProcessBuilder(repo.resolve("bin/cluster-check").toString())
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

    assertThat(finished).as("cluster-check finished within 20 min:%n%s", output).isTrue();
    assertThat(p.exitValue()).as("cluster-check's exit code; its output:%n%s", output).isZero();
    assertThat(output)
        .contains("gold.indicator_values: same")
        .contains("gold.league: same")
        .contains("silver.dialogues: same")
        .contains("10 table(s) the same")
        .containsPattern("the worker's executors ran [1-9][0-9]* task");
  }
}
