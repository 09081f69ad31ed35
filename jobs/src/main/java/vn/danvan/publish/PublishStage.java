package vn.danvan.publish;

import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.JsonToken;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.ZonedDateTime;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;
import org.apache.commons.codec.digest.DigestUtils;
import org.apache.commons.io.FileUtils;
import org.jfree.chart.ui.Drawable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import vn.danvan.errors.DanvanException;
import vn.danvan.job.JobContext;
import vn.danvan.ops.FaultPoint;
import vn.danvan.period.Period;
import vn.danvan.warehouse.TableName;

/**
 * Gold → the review pack of a period, in {@code <out>/review/<period_key>/}: the charts (PNG and
 * SVG), {@code index.html}, {@code review.pdf}, CSV extracts, and {@code manifest.json} naming the
 * run, the version of every table read, the input files' hashes and the as-of.
 */
public final class PublishStage {

  private static final Logger LOG = LoggerFactory.getLogger(PublishStage.class);

  /** Manifests and the publish record, indented for a reader. */
  static final ObjectMapper JSON = new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT);

  /**
   * What to publish.
   *
   * @param periods period keys; empty: the latest complete quarter and year with figures
   * @param province the province; null: every province gold has for the period
   * @param dpi PNG resolution: 96 gives 1920×1080 slides, 300 a print-quality image
   */
  public record Options(List<String> periods, String province, int dpi) {

    /** The latest complete quarter and year, every province, slide resolution. */
    public static Options latest() {
      return new Options(List.of(), null, ChartFiles.SCREEN_DPI);
    }
  }

  /**
   * What publish wrote.
   *
   * @param packs the pack folders written
   * @param unchanged the pack folders left as they were: same figures, same language and size
   * @param read the periods whose figures were read from gold, by key
   */
  public record Result(List<Path> packs, List<Path> unchanged, List<String> read) {}

  private static final String RUN_ID = "run_id";
  private static final String FIGURES_DIGEST = "figures_digest";
  private static final String DRAWN_BY = "drawn_by";
  private static final String PACK_FILES = "pack_files";
  private static final String INPUT_FILES = "input_files";

  /** A pack to draw: its figures, their digest and its folder. */
  private record Pending(PackData data, String digest, Path dir) {}

  private final Options options;

  /** The stage with {@code options}. */
  public PublishStage(Options options) {
    this.options = options;
  }

  /** Writes the packs. */
  public Result execute(JobContext ctx) {
    if (ctx.snapshot().isPast()
        && !ctx.snapshot().has(TableName.INDICATOR_VALUES)
        && ctx.warehouse().exists(TableName.INDICATOR_VALUES)) {
      throw new DanvanException(
          "--as-of "
              + ctx.snapshot().label()
              + ": gold.indicator_values had no version yet by the end of that day; its versions"
              + " and their times: danvan sql \"describe history gold.indicator_values\"");
    }
    if (!ctx.warehouse().exists(TableName.INDICATOR_VALUES)) {
      LOG.info("publish: no gold yet, nothing to publish");
      return new Result(List.of(), List.of(), List.of());
    }
    long started = System.nanoTime();
    PackReader reader = new PackReader(ctx);
    try {
      sweep(Path.of(ctx.out(), "review"));
      List<Period> periods =
          options.periods().isEmpty()
              ? reader.latestComplete()
              : options.periods().stream().map(Period::of).toList();
      Path review = Path.of(ctx.out(), "review");
      Optional<Map<String, Object>> drawnFrom =
          ctx.snapshot().isPast() ? Optional.empty() : PublishedPacks.inputs(ctx, options, periods);
      Optional<PublishedPacks> last = PublishedPacks.read(Path.of(ctx.out()));
      Optional<List<Path>> same = drawnFrom.flatMap(i -> unchangedSinceRecorded(review, last, i));
      if (same.isPresent()) {
        LOG.info(
            "publish: nothing the packs are drawn from changed since run {}: {} pack(s) left as"
                + " they are, in {} s",
            last.get().runId(),
            same.get().size(),
            String.format("%.1f", (System.nanoTime() - started) / 1e9));
        return new Result(List.of(), same.get(), List.of());
      }
      PublishedPacks.forget(Path.of(ctx.out()));
      List<Pending> pending = new ArrayList<>();
      List<Path> unchanged = new ArrayList<>();
      Map<String, String> digests = new TreeMap<>();
      Map<String, List<String>> packsOf = new TreeMap<>();
      List<Period> kept =
          drawnFrom.isPresent() && last.isPresent()
              ? unchangedPeriods(ctx, review, last.get(), drawnFrom.get(), periods)
              : List.of();
      for (Period period : kept) {
        List<String> names = last.get().periods().get(period.key());
        names.forEach(
            n -> {
              unchanged.add(review.resolve(n));
              digests.put(n, last.get().packs().get(n));
            });
        packsOf.put(period.key(), names);
      }
      List<Period> toRead = periods.stream().filter(p -> !kept.contains(p)).toList();
      // Read the periods together (Spark), then draw and write the packs side by side (Java2D).
      reader.readAhead(toRead);
      for (Period period : toRead) {
        List<String> provinces =
            (options.province() == null ? reader.provinces(period) : List.of(options.province()))
                .stream().map(p -> reader.packProvince(period, p)).distinct().toList();
        if (provinces.isEmpty()) {
          throw new DanvanException(
              "gold has no figures for "
                  + period.key()
                  + "; run danvan indicators, or pick a period with data");
        }
        for (String province : provinces) {
          PackData data = reader.read(period, province);
          Path dir =
              Path.of(
                  ctx.out(),
                  "review",
                  provinces.size() > 1 ? period.key() + "-" + province : period.key());
          String digest = digest(ctx, data);
          digests.put(dir.getFileName().toString(), digest);
          packsOf
              .computeIfAbsent(period.key(), k -> new ArrayList<>())
              .add(dir.getFileName().toString());
          Optional<String> madeBy = unchangedSince(dir, digest);
          if (madeBy.isPresent()) {
            LOG.info(
                "publish: review pack {} unchanged (its figures are run {}'s)",
                dir.toAbsolutePath(),
                madeBy.get());
            unchanged.add(dir);
          } else {
            pending.add(new Pending(data, digest, dir));
          }
        }
      }
      InputFiles inputFiles = pending.isEmpty() ? null : InputFiles.read(ctx);
      List<java.util.concurrent.Callable<Path>> packs = new ArrayList<>();
      for (Pending p : pending) {
        packs.add(
            () -> {
              write(ctx, p.data(), p.digest(), inputFiles, p.dir());
              LOG.info("publish: review pack {}", p.dir().toAbsolutePath());
              return p.dir();
            });
      }
      List<Path> written = vn.danvan.job.Parallel.run(packs);
      drawnFrom.ifPresent(
          i -> new PublishedPacks(i, digests, packsOf, ctx.runId()).write(Path.of(ctx.out())));
      LOG.info(
          "publish: {} pack(s) written, {} unchanged, in {} s",
          written.size(),
          unchanged.size(),
          String.format("%.1f", (System.nanoTime() - started) / 1e9));
      return new Result(written, unchanged, toRead.stream().map(Period::key).toList());
    } catch (IOException e) {
      throw new UncheckedIOException("Cannot tidy " + Path.of(ctx.out(), "review"), e);
    }
  }

  /**
   * Writes the pack into a staging folder beside {@code dir}, then puts it in {@code dir}'s place:
   * a run killed half-way leaves the previous pack whole, never a mixture.
   */
  private void write(JobContext ctx, PackData data, String digest, InputFiles inputs, Path dir) {
    Path staging = dir.resolveSibling("." + dir.getFileName() + ".partial-" + ctx.runId());
    try {
      FileUtils.deleteDirectory(staging.toFile());
      writeInto(ctx, data, digest, inputs, staging);
      Path previous = dir.resolveSibling("." + dir.getFileName() + ".previous-" + ctx.runId());
      if (Files.exists(dir)) {
        Files.move(dir, previous, StandardCopyOption.ATOMIC_MOVE);
      }
      Files.move(staging, dir, StandardCopyOption.ATOMIC_MOVE);
      FileUtils.deleteDirectory(previous.toFile());
    } catch (IOException e) {
      throw new UncheckedIOException("Cannot write the review pack in " + dir, e);
    }
  }

  /** Removes what killed runs left: staging folders, and packs moved aside but not yet deleted. */
  private static void sweep(Path reviewRoot) throws IOException {
    if (!Files.isDirectory(reviewRoot)) {
      return;
    }
    try (var entries = Files.list(reviewRoot)) {
      for (Path p : entries.toList()) {
        String name = p.getFileName().toString();
        if (name.startsWith(".") && (name.contains(".partial-") || name.contains(".previous-"))) {
          String pack =
              name.substring(
                  1, name.lastIndexOf(name.contains(".partial-") ? ".partial-" : ".previous-"));
          Path live = reviewRoot.resolve(pack);
          if (name.contains(".previous-") && !Files.exists(live)) {
            Files.move(p, live, StandardCopyOption.ATOMIC_MOVE); // killed between the two moves
          } else {
            FileUtils.deleteDirectory(p.toFile());
          }
        }
      }
    }
  }

  private void writeInto(
      JobContext ctx, PackData data, String digest, InputFiles inputs, Path dir) {
    Labels labels = Labels.of(ctx.lang());
    String generated =
        labels.text(
            "pack.generated",
            "time",
            ZonedDateTime.now(JobContext.VIETNAM)
                .format(DateTimeFormatter.ofPattern("dd/MM/yyyy HH:mm")),
            "run",
            ctx.runId(),
            "asof",
            ctx.snapshot().isPast() ? ctx.snapshot().label() : labels.text("pack.latest"));
    try {
      Files.createDirectories(dir.resolve("charts"));
      Map<String, byte[]> pngs = new LinkedHashMap<>();
      for (Map.Entry<String, Drawable> chart : PackCharts.of(data, labels).entrySet()) {
        pngs.put(
            chart.getKey(),
            ChartFiles.write(
                chart.getValue(), dir.resolve("charts").resolve(chart.getKey()), options.dpi()));
        FaultPoint.reach("publish");
      }
      List<String> extracts = extracts(data, labels, dir);
      Files.writeString(
          dir.resolve("index.html"),
          HtmlPack.of(data, labels, generated, pngs, extracts),
          StandardCharsets.UTF_8);
      PdfPack.write(dir.resolve("review.pdf"), data, labels, generated, pngs);
      Files.writeString(
          dir.resolve("manifest.json"),
          manifest(ctx, data, digest, inputs, dir),
          StandardCharsets.UTF_8);
    } catch (IOException e) {
      throw new UncheckedIOException("Cannot write the review pack in " + dir, e);
    }
  }

  private static List<String> extracts(PackData data, Labels labels, Path dir) {
    List<List<Object>> indicators = new ArrayList<>();
    for (PackData.IndicatorRow r : data.indicators()) {
      indicators.add(
          List.of(
              r.id(),
              r.name(),
              data.provinceName(),
              nullable(r.numerator()),
              nullable(r.denominator()),
              nullable(r.value()),
              nullable(r.ciLow()),
              nullable(r.ciHigh()),
              nullable(r.target()),
              r.status() == null ? "" : r.status()));
    }
    CsvExtracts.write(
        dir.resolve("indicators.csv"),
        List.of(
            "indicator_id",
            "indicator",
            "unit",
            "numerator",
            "denominator",
            "value",
            "ci_low",
            "ci_high",
            "target",
            "status"),
        indicators);
    List<List<Object>> league = new ArrayList<>();
    for (PackData.LeagueRow r : data.league()) {
      league.add(
          List.of(
              r.rank() == null ? "" : r.rank(),
              r.unitCode(),
              r.unitName(),
              nullable(r.value()),
              nullable(r.ciLow()),
              nullable(r.ciHigh()),
              nullable(r.denominator()),
              r.quartile() == null ? "" : r.quartile(),
              r.small(),
              r.vsProvince() == null ? "" : r.vsProvince(),
              nullable(r.changeVsYearEarlier())));
    }
    CsvExtracts.write(
        dir.resolve("league_sat_rate.csv"),
        List.of(
            "rank",
            "unit_code",
            "unit_name",
            "value",
            "ci_low",
            "ci_high",
            "ballots",
            "quartile_band",
            "is_small_sample",
            "vs_province",
            "change_vs_year_earlier"),
        league);
    return List.of("indicators.csv", "league_sat_rate.csv");
  }

  private static Object nullable(Double d) {
    return d == null ? "" : d;
  }

  /**
   * The run, the versions read, the pack's own files, the digest of its figures, the code that drew
   * them, and the input files behind them — last, as the longest: {@link #unchangedSince} stops
   * before it.
   */
  private static String manifest(
      JobContext ctx, PackData data, String digest, InputFiles inputs, Path dir)
      throws IOException {
    Map<String, Object> m = new LinkedHashMap<>();
    m.put("run_id", ctx.runId());
    m.put("generated_at", ZonedDateTime.now(JobContext.VIETNAM).toString());
    m.put("period", data.period().key());
    m.put("province", data.provinceCode());
    m.put("basis", data.basis());
    m.put("lang", ctx.lang());
    m.put("as_of", ctx.snapshot().isPast() ? ctx.snapshot().label() : null);
    m.put("warehouse", ctx.warehouse().root());
    m.put("table_versions", ctx.snapshot().versionsRead());
    Map<String, String> files = new TreeMap<>();
    try (var walk = Files.walk(dir)) {
      for (Path f : walk.filter(Files::isRegularFile).toList()) {
        if (!f.getFileName().toString().equals("manifest.json")) {
          files.put(
              dir.relativize(f).toString().replace('\\', '/'),
              "sha256:" + DigestUtils.sha256Hex(Files.readAllBytes(f)));
        }
      }
    }
    m.put(PACK_FILES, files);
    m.put(FIGURES_DIGEST, digest);
    m.put(DRAWN_BY, DrawingCode.current());
    m.put(
        "reproduce",
        "bin/danvan publish --period "
            + data.period().key()
            + " --as-of "
            + ctx.snapshot()
                .versionsRead()
                .getOrDefault(TableName.INDICATOR_VALUES.toString(), 0L));
    m.put(INPUT_FILES, inputs.of(data.provinceCode()));
    try {
      return JSON.writeValueAsString(m);
    } catch (JsonProcessingException e) {
      throw new IllegalStateException(e);
    }
  }

  /**
   * What the pack's documents are drawn from: its figures (every field of {@code data}), the
   * language, the resolution and the state of the warehouse it shows.
   */
  private String digest(JobContext ctx, PackData data) {
    String asOf = ctx.snapshot().isPast() ? ctx.snapshot().label() : "latest";
    return "sha256:"
        + DigestUtils.sha256Hex(
            String.join("\n", data.toString(), ctx.lang(), Integer.toString(options.dpi()), asOf));
  }

  /**
   * The packs the {@code last} publish recorded, when it recorded the same {@code inputs} and every
   * one of them is whole and drawn from the figures it recorded; empty otherwise.
   */
  private static Optional<List<Path>> unchangedSinceRecorded(
      Path review, Optional<PublishedPacks> last, Map<String, Object> inputs) {
    if (last.isEmpty() || !last.get().inputs().equals(inputs) || last.get().packs().isEmpty()) {
      return Optional.empty();
    }
    return whole(review, last.get().packs());
  }

  /**
   * The periods of {@code periods} whose figures no commit changed since the {@code last} publish
   * ({@link PublishedPacks#periodsUnchanged}) and whose packs it left are whole: their packs stay
   * as they are, and gold is not read for them.
   */
  private static List<Period> unchangedPeriods(
      JobContext ctx,
      Path review,
      PublishedPacks last,
      Map<String, Object> now,
      List<Period> periods) {
    List<Period> unchanged = new ArrayList<>();
    for (Period period : last.periodsUnchanged(ctx, now, periods)) {
      Map<String, String> packs = new TreeMap<>();
      last.periods().get(period.key()).forEach(n -> packs.put(n, last.packs().get(n)));
      if (whole(review, packs).isPresent()) {
        LOG.info(
            "publish: no figure of {} changed since run {}: its {} pack(s) left as they are, gold"
                + " not read",
            period.key(),
            last.runId(),
            packs.size());
        unchanged.add(period);
      }
    }
    return unchanged;
  }

  /**
   * The folders of {@code packs} (folder name → digest of its figures), when each is whole and
   * drawn from its figures ({@link #unchangedSince}); empty otherwise.
   */
  private static Optional<List<Path>> whole(Path review, Map<String, String> packs) {
    List<Path> dirs = new ArrayList<>();
    for (Map.Entry<String, String> pack : packs.entrySet()) {
      Path dir = review.resolve(pack.getKey());
      if (pack.getValue() == null || unchangedSince(dir, pack.getValue()).isEmpty()) {
        return Optional.empty();
      }
      dirs.add(dir);
    }
    return Optional.of(dirs);
  }

  /**
   * The run that made the pack in {@code dir}, when that pack is whole and was drawn from figures
   * with {@code digest} by this release's drawing code ({@link DrawingCode}): drawing it again
   * would only change its time stamp.
   */
  private static Optional<String> unchangedSince(Path dir, String digest) {
    Path manifest = dir.resolve("manifest.json");
    if (!Files.isRegularFile(manifest)) {
      return Optional.empty();
    }
    try (JsonParser json = JSON.getFactory().createParser(manifest.toFile())) {
      // Only the head of the manifest: its input files can run to megabytes at a nation's scale.
      Map<String, JsonNode> head = new HashMap<>();
      if (json.nextToken() != JsonToken.START_OBJECT) {
        return Optional.empty();
      }
      List<String> wanted = List.of(RUN_ID, FIGURES_DIGEST, DRAWN_BY, PACK_FILES);
      while (head.size() < wanted.size() && json.nextToken() == JsonToken.FIELD_NAME) {
        String field = json.currentName();
        if (field.equals(INPUT_FILES)) {
          // The layout before 2026-11-22 put the input files first: reading past them cost every
          // run seconds a pack at a nation's scale. Drawn again, the pack gets today's layout.
          return Optional.empty();
        }
        json.nextToken();
        if (wanted.contains(field)) {
          head.put(field, json.readValueAsTree());
        } else {
          json.skipChildren();
        }
      }
      if (head.size() < wanted.size()
          || !digest.equals(head.get(FIGURES_DIGEST).asText(null))
          || !DrawingCode.current().equals(head.get(DRAWN_BY).asText(null))) {
        return Optional.empty();
      }
      for (Iterator<Map.Entry<String, JsonNode>> f = head.get(PACK_FILES).fields(); f.hasNext(); ) {
        Map.Entry<String, JsonNode> file = f.next();
        Path path = dir.resolve(file.getKey());
        if (!Files.isRegularFile(path)
            || !file.getValue()
                .asText()
                .equals("sha256:" + DigestUtils.sha256Hex(Files.readAllBytes(path)))) {
          return Optional.empty();
        }
      }
      return Optional.of(head.get(RUN_ID).asText());
    } catch (IOException e) {
      return Optional.empty(); // an unreadable pack is drawn again
    }
  }
}
