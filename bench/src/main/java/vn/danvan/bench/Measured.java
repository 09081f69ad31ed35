package vn.danvan.bench;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

/**
 * A child process run to completion: its wall time, its peak resident memory (the kernel's
 * high-water mark {@code VmHWM} from {@code /proc}, read while it runs), and what it wrote.
 *
 * <p>The peak is that of the largest process of the tree, not the sum over the tree: a run is one
 * JVM, and the helpers it starts (Hadoop's {@code chmod} and {@code readlink}, through {@code
 * jspawnhelper}) share or copy the JVM's memory until they exec, so {@code /proc} shows each of
 * them with the JVM's own high-water mark for a moment. Summed, one run of 2.8 GiB was read as 5.1
 * GiB.
 *
 * @param seconds wall time
 * @param peakRssMb peak resident set size of the run's largest process, MiB (0 where /proc cannot
 *     tell)
 * @param exitCode the exit code
 * @param output stdout and stderr together
 */
record Measured(double seconds, long peakRssMb, int exitCode, String output) {

  /** Runs {@code command} in {@code directory} and measures it. */
  static Measured run(Path directory, List<String> command)
      throws IOException, InterruptedException {
    Path log = Files.createTempFile("bench", ".log");
    long start = System.nanoTime();
    Process p =
        new ProcessBuilder(command)
            .directory(directory.toFile())
            .redirectErrorStream(true)
            .redirectOutput(log.toFile())
            .start();
    long peak = 0;
    while (!p.waitFor(200, java.util.concurrent.TimeUnit.MILLISECONDS)) {
      peak = Math.max(peak, largestHighWaterKb(p.toHandle()));
    }
    double seconds = (System.nanoTime() - start) / 1e9;
    return new Measured(seconds, peak / 1024, p.exitValue(), Files.readString(log));
  }

  /** The largest high-water mark so far among a process and its descendants, in KiB. */
  private static long largestHighWaterKb(ProcessHandle process) {
    long largest = highWaterKb(process.pid());
    for (ProcessHandle child : process.descendants().toList()) {
      largest = Math.max(largest, highWaterKb(child.pid()));
    }
    return largest;
  }

  private static long highWaterKb(long pid) {
    try {
      for (String line : Files.readAllLines(Path.of("/proc/" + pid + "/status"))) {
        if (line.startsWith("VmHWM:")) {
          return Long.parseLong(line.replaceAll("\\D", ""));
        }
      }
    } catch (IOException | RuntimeException e) {
      // The process ended between two samples.
    }
    return 0;
  }
}
