package vn.danvan.testing;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

/**
 * {@code danvan} in a process of its own, as the scheduler starts it: the test's classpath, Spark's
 * JVM flags, its output in a file the test can watch; and a way to kill it with SIGKILL.
 */
public final class ChildRun {

  private final Process process;
  private final Path log;

  private ChildRun(Process process, Path log) {
    this.process = process;
    this.log = log;
  }

  /** Starts {@code danvan args…} with {@code environment} added to this JVM's. */
  public static ChildRun start(Map<String, String> environment, String... args) {
    try {
      Path log = Files.createTempFile("danvan-child", ".log");
      List<String> command = new ArrayList<>();
      command.add(Path.of(System.getProperty("java.home"), "bin", "java").toString());
      command.add("@" + TestProvince.repository().resolve("bin/jvm.options"));
      command.add("@" + TestProvince.repository().resolve("bin/batch.options"));
      command.add("-Xmx1g");
      command.add("-Dspark.sql.codegen.wholeStage=false"); // tiny data: see SharedSpark
      command.add("-Dspark.sql.codegen.factoryMode=NO_CODEGEN");
      command.add("-cp");
      command.add(System.getProperty("java.class.path"));
      command.add("vn.danvan.cli.Main");
      command.addAll(List.of(args));
      ProcessBuilder builder =
          new ProcessBuilder(command).redirectErrorStream(true).redirectOutput(log.toFile());
      builder.environment().putAll(environment);
      return new ChildRun(builder.start(), log);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  /**
   * Waits until the output holds {@code text}; fails if the process ends first or time runs out.
   */
  public void awaitOutput(String text, Duration timeout) throws InterruptedException {
    Instant deadline = Instant.now().plus(timeout);
    while (!output().contains(text)) {
      assertAlive("printing '" + text + "'");
      if (Instant.now().isAfter(deadline)) {
        kill();
        throw new AssertionError("no '" + text + "' within " + timeout + ":\n" + tail());
      }
      Thread.sleep(200);
    }
  }

  /** The process id. */
  public long pid() {
    return process.pid();
  }

  /** Fails, with the end of the output, when the process has ended before {@code doing}. */
  public void assertAlive(String doing) {
    if (!process.isAlive()) {
      throw new AssertionError(
          "the run ended (exit " + process.exitValue() + ") before " + doing + ":\n" + tail());
    }
  }

  /** Kills the process with SIGKILL, as a dying machine would, and waits for it to be gone. */
  public void kill() throws InterruptedException {
    process.destroyForcibly(); // SIGKILL on Linux: no shutdown hooks, no finally blocks
    process.waitFor(1, TimeUnit.MINUTES);
  }

  /** Waits for the process to end and returns its exit code. */
  public int waitFor(Duration timeout) throws InterruptedException {
    if (!process.waitFor(timeout.toMillis(), TimeUnit.MILLISECONDS)) {
      kill();
      throw new AssertionError("the run did not end within " + timeout + ":\n" + tail());
    }
    return process.exitValue();
  }

  /** Everything the process printed so far. */
  public String output() {
    try {
      return Files.readString(log, StandardCharsets.UTF_8);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  /** The last lines of the output, for failure messages. */
  public String tail() {
    List<String> lines = output().lines().toList();
    return String.join("\n", lines.subList(Math.max(0, lines.size() - 25), lines.size()));
  }
}
