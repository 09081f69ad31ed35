package vn.danvan.cli;

import java.util.List;
import java.util.concurrent.Callable;
import org.apache.spark.sql.SparkSession;
import picocli.CommandLine.Command;
import picocli.CommandLine.ITypeConverter;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.TypeConversionException;
import vn.danvan.errors.DanvanException;
import vn.danvan.warehouse.TableComparison;
import vn.danvan.warehouse.TableName;
import vn.danvan.warehouse.Warehouse;

/** Compares the content of two warehouses table by table. */
@Command(
    name = "compare",
    mixinStandardHelpOptions = true,
    description =
        "Compares every table of --warehouse with the same table of --with, by content (run ids,"
            + " clock readings and ops.runs left out; doubles to six decimals). Exit 0 when all"
            + " are the same, 1 otherwise.")
final class CompareCommand implements Callable<Integer> {

  @Mixin CommonOptions options;

  @Option(names = "--with", required = true, description = "The other warehouse root.")
  String other;

  @Option(
      names = "--layers",
      split = ",",
      converter = Layer.class,
      defaultValue = "ref,bronze,silver,gold,ops",
      description = "Layers to compare. Default: ${DEFAULT-VALUE}")
  List<String> layers;

  /** A layer's name, checked as the command line is read: a mistyped one would compare nothing. */
  static final class Layer implements ITypeConverter<String> {
    @Override
    public String convert(String value) {
      List<String> layers = TableName.layers();
      if (!layers.contains(value.strip())) {
        throw new TypeConversionException(
            "'" + value + "' is not a layer (" + String.join(", ", layers) + ")");
      }
      return value.strip();
    }
  }

  @Override
  public Integer call() {
    options.refuseAsOf();
    SparkSession spark = Jobs.session(options, "compare");
    Warehouse left = new Warehouse(spark, options.warehouse);
    Warehouse right = new Warehouse(spark, other);
    List<TableComparison.Result> results =
        TableComparison.compare(left, right, t -> layers.contains(t.layer()));
    results.forEach(System.out::println);
    long differing = results.stream().filter(r -> !r.same()).count();
    if (differing > 0) {
      throw new DanvanException(
          differing
              + " of "
              + results.size()
              + " table(s) differ between "
              + left.root()
              + " and "
              + right.root());
    }
    System.out.println(
        results.size() + " table(s) the same in " + left.root() + " and " + right.root());
    return 0;
  }
}
