package vn.danvan.cli;

import java.util.List;
import picocli.CommandLine.Command;
import vn.danvan.job.Pipeline.Stage;

/** The pipeline commands: the whole job, and one command per stage. */
final class Commands {

  private Commands() {}

  @Command(
      name = "run",
      mixinStandardHelpOptions = true,
      description =
          "The scheduled job: ingest → refine → indicators → publish. Incremental and idempotent:"
              + " only new or changed landing files are read; a second run changes nothing.")
  static final class Run extends StageCommand {
    @picocli.CommandLine.Option(
        names = "--full",
        description = "Recompute every period of gold, not only those new data touched.")
    boolean full;

    @Override
    boolean full() {
      return full;
    }

    @Override
    String name() {
      return "run";
    }

    @Override
    List<Stage> stages() {
      return List.of(Stage.INGEST, Stage.REFINE, Stage.INDICATORS, Stage.PUBLISH);
    }
  }

  @Command(
      name = "ingest",
      mixinStandardHelpOptions = true,
      description = "Reads new or changed landing files into bronze.<kind> and ops.files.")
  static final class Ingest extends StageCommand {
    @Override
    String name() {
      return "ingest";
    }

    @Override
    List<Stage> stages() {
      return List.of(Stage.INGEST);
    }
  }

  @Command(
      name = "refine",
      mixinStandardHelpOptions = true,
      description =
          "Types and validates new bronze rows into silver.<kind>; rows that fail go to"
              + " silver.quarantine with their reasons.")
  static final class Refine extends StageCommand {
    @Override
    String name() {
      return "refine";
    }

    @Override
    List<Stage> stages() {
      return List.of(Stage.REFINE);
    }
  }

  @Command(
      name = "indicators",
      mixinStandardHelpOptions = true,
      description =
          "Computes gold.indicator_values, gold.reporting_rates, gold.league and gold.outliers from"
              + " silver and the indicator catalogue; with --as-of, from a past state, into"
              + " <out>/as-of/.")
  static final class Indicators extends StageCommand {
    @picocli.CommandLine.Option(
        names = "--full",
        description = "Recompute every period of gold, not only those new data touched.")
    boolean full;

    @Override
    boolean full() {
      return full;
    }

    @Override
    String name() {
      return "indicators";
    }

    @Override
    List<Stage> stages() {
      return List.of(Stage.INDICATORS);
    }
  }

  @Command(
      name = "publish",
      mixinStandardHelpOptions = true,
      description = "Draws the charts from gold into <out>/charts/.")
  static final class Publish extends StageCommand {
    @Override
    String name() {
      return "publish";
    }

    @Override
    List<Stage> stages() {
      return List.of(Stage.PUBLISH);
    }
  }
}
