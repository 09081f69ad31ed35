package vn.danvan.cli;

import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.Spec;

/** The options every command takes (DESIGN.md §3.1), with their defaults. */
public final class CommonOptions {

  @Option(
      names = "--landing",
      defaultValue = "data/landing",
      description = "Landing root (any Hadoop URI). Default: ${DEFAULT-VALUE}")
  String landing;

  @Option(
      names = "--reference",
      defaultValue = "data/reference",
      description = "Reference data folder (any Hadoop URI). Default: ${DEFAULT-VALUE}")
  String reference;

  @Option(
      names = "--warehouse",
      defaultValue = "warehouse",
      description =
          "Warehouse root holding the Delta tables (any Hadoop URI). Default: ${DEFAULT-VALUE}")
  String warehouse;

  @Option(
      names = "--out",
      defaultValue = "out",
      description = "Where charts and review packs go. Default: ${DEFAULT-VALUE}")
  String out;

  @Option(
      names = "--master",
      defaultValue = "local[*]",
      description =
          "Spark master (local[*], spark://host:7077, yarn, …); ignored when spark-submit sets one."
              + " Default: ${DEFAULT-VALUE}")
  String master;

  @Option(
      names = "--as-of",
      description =
          "Read the tables as they were at this date (yyyy-MM-dd) or Delta version (run,"
              + " indicators, publish, sql and notebook; other commands refuse it).")
  String asOf;

  @Option(
      names = "--today",
      paramLabel = "yyyy-MM-dd",
      description =
          "The date the run takes as today (which periods have begun, what is due, what figures"
              + " are restated onto), to repeat a run of an earlier day. Default: today in Vietnam.")
  String today;

  @Option(
      names = "--lock-wait",
      defaultValue = "60",
      paramLabel = "MINUTES",
      description =
          "How long to wait while another run holds the warehouse before giving up (exit 3)."
              + " Default: ${DEFAULT-VALUE}")
  long lockWaitMinutes;

  /** The languages the labels are written in. */
  enum Language {
    vi,
    en
  }

  @Option(
      names = "--lang",
      defaultValue = "vi",
      description = "Labels' language: ${COMPLETION-CANDIDATES}. Default: ${DEFAULT-VALUE}")
  Language lang;

  /** The command these options belong to. */
  @Spec(Spec.Target.MIXEE)
  CommandSpec command;

  /**
   * Refuses {@code --as-of} in a command that only ever sees the latest state of the tables, so
   * that no one takes its output for a past state's: bad usage (exit 2), naming the commands that
   * read a past state.
   */
  void refuseAsOf() {
    if (asOf != null) {
      throw new ParameterException(
          command.commandLine(),
          "danvan "
              + command.name()
              + " works on the latest state of the tables and cannot take --as-of; run,"
              + " indicators, publish, sql and notebook read a past state");
    }
  }
}
