package vn.danvan.publish;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.type.TypeReference;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import java.util.TreeMap;
import java.util.function.Predicate;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import vn.danvan.indicators.Span;
import vn.danvan.job.JobContext;
import vn.danvan.period.Period;
import vn.danvan.period.PeriodScheme;
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
 * that brought nothing new. When only the tables' rows (or the periods asked for) differ, gold's
 * logs tell which periods' figures changed, and the models' two versions which states: a period
 * whose packs read none of them is left without reading gold ({@link #periodsUnchanged}).
 *
 * @param inputs what the packs are drawn from
 * @param packs each pack's folder name and the digest of its figures
 * @param periods each period's pack folders, by period key (absent from a record written before
 *     2026-12-07: every period is read again once)
 * @param runId the run that recorded them
 */
record PublishedPacks(
    Map<String, Object> inputs,
    Map<String, String> packs,
    Map<String, List<String>> periods,
    String runId) {

  static final String FILE = "published.json";

  private static final String TABLES = "tables";
  private static final String PERIODS = "periods";
  private static final String NO_TABLE = "none";

  /** The tables a pack's figures are read from ({@link PackReader}). */
  private static final List<TableName> READ =
      List.of(TableName.INDICATOR_VALUES, TableName.LEAGUE, TableName.OUTLIERS, PackReader.MODELS);

  private static final Predicate<Period> EVERY_PERIOD = p -> true;

  private static final Logger LOG = LoggerFactory.getLogger(PublishedPacks.class);

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
          ctx.warehouse().exists(t) ? ctx.warehouse().contentId(t) : Optional.of(NO_TABLE);
      if (id.isEmpty()) {
        return Optional.empty();
      }
      tables.put(t.toString(), id.get());
    }
    inputs.put(TABLES, tables);
    inputs.put("reference", ctx.reference().digest());
    UnitDirectory units = ctx.reference().units();
    inputs.put(
        "provinces_today",
        units.codesAt(UnitDirectory.PROVINCE).stream()
            .filter(code -> units.on(code, ctx.today()).isPresent())
            .toList());
    inputs.put(PERIODS, periods.stream().map(Period::key).toList());
    inputs.put("province", options.province());
    inputs.put("dpi", options.dpi());
    inputs.put("lang", ctx.lang());
    inputs.put("drawn_by", DrawingCode.current());
    inputs.put("code", DrawingCode.application());
    return Optional.of(normalised(inputs));
  }

  /**
   * The periods of {@code wanted} this record has packs of whose figures no commit changed since:
   * the packs were drawn from the same inputs as {@code now} but for the tables' rows and the
   * periods asked for, and no table changed what the period's packs read of it ({@link
   * PackReader#partitionsRead}, {@link PackReader#modelsUntil}).
   */
  List<Period> periodsUnchanged(JobContext ctx, Map<String, Object> now, List<Period> wanted) {
    if (periods == null || !figuresAside(inputs).equals(figuresAside(now))) {
      return List.of();
    }
    List<Predicate<Period>> reached = new ArrayList<>();
    for (TableName t : READ) {
      String was = tables(inputs).get(t.toString());
      String is = tables(now).get(t.toString());
      if (!Objects.equals(was, is)) {
        reached.add(
            was == null || NO_TABLE.equals(was) || NO_TABLE.equals(is)
                ? EVERY_PERIOD
                : reachedByChange(ctx, t, was));
      }
    }
    return wanted.stream()
        .filter(p -> periods.containsKey(p.key()))
        .filter(p -> reached.stream().noneMatch(r -> r.test(p)))
        .toList();
  }

  /**
   * The periods whose packs read what {@code table} changed since it held the rows {@code was}
   * identifies: a period whose partitions changed, or one ending on or after the earliest model
   * state added or removed; every period when the log cannot tell.
   */
  private static Predicate<Period> reachedByChange(JobContext ctx, TableName table, String was) {
    if (table.equals(PackReader.MODELS)) {
      PeriodScheme scheme = ctx.reference().settings().periodScheme();
      return ctx.warehouse()
          .rowsChangedSince(table, was, PackReader.MODEL_COLUMNS)
          .map(changed -> reachedByStates(changed, scheme))
          .orElse(EVERY_PERIOD);
    }
    return ctx.warehouse()
        .partitionsChangedSince(table, was)
        .map(
            changed ->
                (Predicate<Period>)
                    p -> {
                      Set<String> read = PackReader.partitionsRead(p).get(table);
                      return read == null
                          ? !changed.isEmpty()
                          : !Collections.disjoint(changed, read);
                    })
        .orElse(EVERY_PERIOD);
  }

  /**
   * The periods ending on or after the earliest of the models' states {@code changed} holds (a pack
   * counts each model's latest state at its period's end); none when no state has a date.
   */
  private static Predicate<Period> reachedByStates(Dataset<Row> changed, PeriodScheme scheme) {
    LocalDate from = Span.of(changed).first();
    if (from == null) {
      LOG.info("publish: no model's state a pack reads changed");
      return p -> false;
    }
    LOG.info("publish: the models' states changed from {} on", from);
    return p -> !PackReader.modelsUntil(p, scheme).isBefore(from);
  }

  /** {@code inputs} but the tables' rows and the periods. */
  private static Map<String, Object> figuresAside(Map<String, Object> inputs) {
    Map<String, Object> rest = new LinkedHashMap<>(inputs);
    rest.remove(TABLES);
    rest.remove(PERIODS);
    return rest;
  }

  @SuppressWarnings("unchecked")
  private static Map<String, String> tables(Map<String, Object> inputs) {
    Object tables = inputs.get(TABLES);
    return tables instanceof Map<?, ?> m ? (Map<String, String>) m : Map.of();
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
