package vn.danvan.cli;

import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.Callable;
import org.apache.hadoop.conf.Configuration;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import vn.danvan.errors.DanvanException;
import vn.danvan.generate.NationGenerator;
import vn.danvan.generate.ProvinceGenerator;
import vn.danvan.period.Period;
import vn.danvan.reference.ReferenceData;
import vn.danvan.warehouse.Storage;

/** Writes synthetic landing files, deterministically from a seed. */
@Command(
    name = "generate",
    mixinStandardHelpOptions = true,
    description =
        "Writes a synthetic province's landing files under --landing from the units in --reference,"
            + " deterministically from --seed (the bundled sample is generate --with-defects).")
final class GenerateCommand implements Callable<Integer> {

  @Mixin CommonOptions options;

  @Option(
      names = "--seed",
      defaultValue = "20190101",
      description = "Random seed. Default: ${DEFAULT-VALUE}")
  long seed;

  @Option(
      names = "--province",
      split = ",",
      defaultValue = "LC,LC25",
      description = "Province codes whose units submit. Default: ${DEFAULT-VALUE}")
  List<String> provinces;

  @Option(
      names = "--from",
      defaultValue = "2019-Q1",
      description = "First quarter. Default: ${DEFAULT-VALUE}")
  String from;

  @Option(
      names = "--to",
      defaultValue = "2026-Q2",
      description = "Last quarter. Default: ${DEFAULT-VALUE}")
  String to;

  @Option(
      names = "--scale",
      defaultValue = "province",
      description =
          "province: the units of --reference (the sample province); nation: a synthetic nation of"
              + " up to 34 provinces, its reference files written to --reference. Default: ${DEFAULT-VALUE}")
  String scale;

  @Option(
      names = "--records",
      defaultValue = "1000000",
      description = "With --scale nation: about how many rows to write. Default: ${DEFAULT-VALUE}")
  long records;

  @Option(
      names = "--plain",
      description =
          "Plain UTF-8 CSV only (no title blocks, BOM, workbooks or legacy encodings), for"
              + " benchmarks whose minimal readers compare with ours.")
  boolean plain;

  @Option(
      names = "--with-defects",
      description = "Add the sample's malformed rows so a first run shows the quarantine.")
  boolean withDefects;

  @Option(
      names = "--sample-reference",
      defaultValue = "data/reference",
      description =
          "With --scale nation: where to copy indicators, targets, holidays and vocabularies from."
              + " Default: ${DEFAULT-VALUE}")
  String sample;

  @Override
  public Integer call() {
    options.refuseAsOf();
    Storage storage = new Storage(new Configuration());
    List<String> submitting = provinces;
    int copies = 1;
    if (scale.equals("nation")) {
      NationGenerator.Scale plan = NationGenerator.Scale.of(records);
      NationGenerator.writeReference(Path.of(options.reference), Path.of(sample), plan, seed);
      submitting = plan.codes();
      copies = plan.copies();
    } else if (!scale.equals("province")) {
      throw new DanvanException(
          "--scale must be province or nation, not " + scale, null, DanvanException.USAGE);
    }
    ReferenceData reference = ReferenceData.load(storage, storage.qualify(options.reference));
    ProvinceGenerator.Summary summary =
        new ProvinceGenerator(reference.units(), reference.lineage())
            .generate(
                new ProvinceGenerator.Options(
                    Path.of(options.landing),
                    submitting,
                    seed,
                    Period.of(from),
                    Period.of(to),
                    withDefects,
                    copies,
                    plain));
    System.out.printf(
        "Wrote %d file(s), %d row(s) under %s%n", summary.files(), summary.rows(), options.landing);
    return 0;
  }
}
