package vn.danvan.cli;

import picocli.CommandLine.Option;

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
      description = "Read the tables as they were at this date (yyyy-MM-dd) or Delta version.")
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

  @Option(
      names = "--lang",
      defaultValue = "vi",
      description = "Labels' language: vi or en. Default: ${DEFAULT-VALUE}")
  String lang;
}
