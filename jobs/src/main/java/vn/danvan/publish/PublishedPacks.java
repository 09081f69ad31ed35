package vn.danvan.publish;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.type.TypeReference;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;
import vn.danvan.job.JobContext;
import vn.danvan.period.Period;
import vn.danvan.reference.UnitDirectory;
import vn.danvan.warehouse.TableName;
import vn.danvan.warehouse.Warehouse;

/**
 * What the last publish into an {@code out} folder drew its packs in {@code <out>/review} from, and
 * the packs it left ({@code <out>/published.json}, beside the packs' folder, which holds packs
 * only): the rows of every table a pack reads (by {@link Warehouse#contentId}), the reference,
 * today's provinces (a pack of a province that no longer exists shows the one holding its
 * territory), the periods, the options and the application's code (a release reads the figures
 * again, though it may leave the packs). The same inputs draw the same packs, so a publish that
 * finds them unchanged leaves every pack as it is without reading gold: the nightly run on a day
 * that brought nothing new.
 *
 * @param inputs what the packs are drawn from
 * @param packs each pack's folder name and the digest of its figures
 * @param runId the run that recorded them
 */
record PublishedPacks(Map<String, Object> inputs, Map<String, String> packs, String runId) {

  static final String FILE = "published.json";

  /** The tables a pack's figures are read from ({@link PackReader}). */
  private static final List<TableName> READ =
      List.of(
          TableName.INDICATOR_VALUES,
          TableName.LEAGUE,
          TableName.OUTLIERS,
          TableName.silver("models"));

  /**
   * What packs of {@code periods} drawn with {@code options} are drawn from now; empty when it
   * cannot be told (a table whose rows cannot be identified from the log kept).
   */
  static Optional<Map<String, Object>> inputs(
      JobContext ctx, PublishStage.Options options, List<Period> periods) {
    Map<String, Object> inputs = new LinkedHashMap<>();
    Map<String, String> tables = new TreeMap<>();
    for (TableName t : READ) {
      Optional<String> id =
          ctx.warehouse().exists(t) ? ctx.warehouse().contentId(t) : Optional.of("none");
      if (id.isEmpty()) {
        return Optional.empty();
      }
      tables.put(t.toString(), id.get());
    }
    inputs.put("tables", tables);
    inputs.put("reference", ctx.reference().digest());
    UnitDirectory units = ctx.reference().units();
    inputs.put(
        "provinces_today",
        units.codesAt(UnitDirectory.PROVINCE).stream()
            .filter(code -> units.on(code, ctx.today()).isPresent())
            .toList());
    inputs.put("periods", periods.stream().map(Period::key).toList());
    inputs.put("province", options.province());
    inputs.put("dpi", options.dpi());
    inputs.put("lang", ctx.lang());
    inputs.put("drawn_by", DrawingCode.current());
    inputs.put("code", DrawingCode.application());
    return Optional.of(normalised(inputs));
  }

  /** What the last publish into {@code out} recorded; empty when none did or it is unreadable. */
  static Optional<PublishedPacks> read(Path out) {
    Path file = out.resolve(FILE);
    if (!Files.isRegularFile(file)) {
      return Optional.empty();
    }
    try {
      return Optional.of(PublishStage.JSON.readValue(file.toFile(), PublishedPacks.class));
    } catch (IOException e) {
      return Optional.empty(); // the next publish reads gold and records them again
    }
  }

  /** Records what the packs in {@code out} were drawn from, in place of the last record. */
  void write(Path out) {
    Path file = out.resolve(FILE);
    Path partial = out.resolve(FILE + ".partial");
    try {
      Files.createDirectories(out);
      Files.writeString(
          partial, PublishStage.JSON.writeValueAsString(this), StandardCharsets.UTF_8);
      Files.move(
          partial, file, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
    } catch (IOException e) {
      throw new UncheckedIOException("Cannot record the packs published in " + file, e);
    }
  }

  /** Removes the record: packs are about to change. */
  static void forget(Path out) {
    try {
      Files.deleteIfExists(out.resolve(FILE));
    } catch (IOException e) {
      throw new UncheckedIOException("Cannot remove " + out.resolve(FILE), e);
    }
  }

  /** {@code inputs} as they read back from the file: records compare equal either way. */
  private static Map<String, Object> normalised(Map<String, Object> inputs) {
    try {
      return PublishStage.JSON.readValue(
          PublishStage.JSON.writeValueAsString(inputs),
          new TypeReference<LinkedHashMap<String, Object>>() {});
    } catch (JsonProcessingException e) {
      throw new IllegalStateException(e);
    }
  }
}
