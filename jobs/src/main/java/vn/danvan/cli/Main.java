package vn.danvan.cli;

import java.io.PrintWriter;
import java.nio.charset.StandardCharsets;
import java.util.Optional;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import vn.danvan.errors.DanvanException;
import vn.danvan.warehouse.Damage;

/** {@code danvan}: the command line of the Dân vận analytics warehouse. */
@Command(
    name = "danvan",
    mixinStandardHelpOptions = true,
    version = "danvan 0.1.0",
    description = "Dân vận analytics warehouse: landing files → Delta bronze/silver/gold → charts.",
    subcommands = {
      Commands.Run.class,
      Commands.Ingest.class,
      Commands.Refine.class,
      Commands.Indicators.class,
      Commands.Publish.class,
      SqlCommand.class,
      StatusCommand.class,
      GenerateCommand.class,
      NotebookCommand.class,
      CompareCommand.class,
      MaintainCommand.class
    })
public final class Main {

  private Main() {}

  /**
   * Runs the command line and exits with its code: 0 success, 1 failed run, 2 bad usage, 3 the
   * warehouse stayed busy with another run.
   */
  public static void main(String[] args) {
    System.exit(execute(args));
  }

  /** Runs the command line and returns its exit code. */
  public static int execute(String... args) {
    CommandLine cli = new CommandLine(new Main()).setCaseInsensitiveEnumValuesAllowed(true);
    cli.setOut(new PrintWriter(System.out, true, StandardCharsets.UTF_8));
    cli.setErr(new PrintWriter(System.err, true, StandardCharsets.UTF_8));
    cli.setExecutionExceptionHandler(
        (e, commandLine, parseResult) -> {
          commandLine.getErr().println("danvan: " + oneLine(e));
          if (Boolean.getBoolean("danvan.trace")) {
            e.printStackTrace(commandLine.getErr());
          }
          return e instanceof DanvanException d ? d.exitCode() : DanvanException.FAILED;
        });
    return cli.execute(args);
  }

  /** The one line a user reads: our own message, or the root cause's. */
  static String oneLine(Throwable e) {
    if (e instanceof DanvanException) {
      return e.getMessage();
    }
    Optional<String> damage = Damage.explain(e);
    if (damage.isPresent()) {
      return damage.get();
    }
    Throwable root = e;
    while (root.getCause() != null && root.getCause() != root) {
      root = root.getCause();
    }
    String message =
        root.getMessage() == null ? root.getClass().getSimpleName() : root.getMessage();
    return message.lines().findFirst().orElse(message)
        + " ("
        + root.getClass().getSimpleName()
        + "; rerun with JAVA_OPTS=-Ddanvan.trace=true for the stack trace)";
  }
}
