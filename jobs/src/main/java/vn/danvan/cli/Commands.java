package vn.danvan.cli;

import java.util.List;
import picocli.CommandLine.Command;
import picocli.CommandLine.ITypeConverter;
import picocli.CommandLine.TypeConversionException;
import vn.danvan.job.Pipeline.Stage;
import vn.danvan.period.Period;

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
      description =
          "Writes the review pack of a period into <out>/review/<period>/: charts (PNG, SVG),"
              + " index.html, review.pdf, CSV extracts and manifest.json.")
  static final class Publish extends StageCommand {
    /** The PNG resolutions a pack is drawn at: a screen's at least, a poster's at most. */
    static final int MIN_DPI = 24;

    static final int MAX_DPI = 600;

    @picocli.CommandLine.Option(
        names = "--period",
        split = ",",
        converter = PeriodKey.class,
        description =
            "Period key(s) to publish (2026-Q2, 2025, 2025-H1, 2018..2020, …). Default: the latest"
                + " complete quarter and year with figures.")
    List<String> periods = List.of();

    @picocli.CommandLine.Option(
        names = "--province",
        description = "The province. Default: every province gold has for the period.")
    String province;

    @picocli.CommandLine.Option(
        names = "--dpi",
        defaultValue = "96",
        converter = Dpi.class,
        description =
            "PNG resolution, 24 to 600: 96 gives 1920×1080 slides, 300 print quality. Default:"
                + " ${DEFAULT-VALUE}")
    int dpi;

    /** A period key, checked as the command line is read: a mistyped one is bad usage. */
    static final class PeriodKey implements ITypeConverter<String> {
      @Override
      public String convert(String value) {
        try {
          return Period.of(value.strip()).key();
        } catch (IllegalArgumentException e) {
          throw new TypeConversionException(e.getMessage());
        }
      }
    }

    /** A resolution between {@link #MIN_DPI} and {@link #MAX_DPI}. */
    static final class Dpi implements ITypeConverter<Integer> {
      @Override
      public Integer convert(String value) {
        int dpi;
        try {
          dpi = Integer.parseInt(value.strip());
        } catch (NumberFormatException e) {
          throw new TypeConversionException("'" + value + "' is not a whole number");
        }
        if (dpi < MIN_DPI || dpi > MAX_DPI) {
          throw new TypeConversionException(
              "a PNG resolution is " + MIN_DPI + " to " + MAX_DPI + " dpi, not " + dpi);
        }
        return dpi;
      }
    }

    @Override
    vn.danvan.publish.PublishStage.Options publish() {
      return new vn.danvan.publish.PublishStage.Options(periods, province, dpi);
    }

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
