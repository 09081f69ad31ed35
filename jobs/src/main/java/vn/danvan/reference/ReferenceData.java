package vn.danvan.reference;

import java.io.InputStream;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.apache.commons.codec.digest.DigestUtils;
import vn.danvan.errors.DanvanException;
import vn.danvan.ingest.HeaderAliases;
import vn.danvan.text.CsvTable;
import vn.danvan.warehouse.Storage;

/**
 * Everything under the reference folder, read once per command: the units in time and their
 * lineage, vocabularies, the indicator catalogue, targets, holidays, phases and settings. What is
 * built from the files (the checked map of units) is built once and kept.
 */
public final class ReferenceData {

  private final String root;
  private final Map<String, CsvTable> files;
  private final Map<String, String> hashes;
  private final Settings settings;
  private UnitDirectory units;
  private List<LineageLink> lineage;

  /**
   * The reference data read from {@code root}.
   *
   * @param root the reference folder
   * @param files the CSV files by name ({@code units.csv} …)
   * @param hashes each file's SHA-256, by name
   * @param settings the province's configuration
   */
  public ReferenceData(
      String root, Map<String, CsvTable> files, Map<String, String> hashes, Settings settings) {
    this.root = root;
    this.files = files;
    this.hashes = hashes;
    this.settings = settings;
  }

  /** The reference folder. */
  public String root() {
    return root;
  }

  /** Each file's SHA-256, by name. */
  public Map<String, String> hashes() {
    return hashes;
  }

  /** The province's configuration. */
  public Settings settings() {
    return settings;
  }

  /** The CSV files a reference folder must hold. */
  public static final List<String> REQUIRED =
      List.of(
          "units.csv",
          "unit_lineage.csv",
          "indicators.csv",
          "targets.csv",
          "holidays.csv",
          "phases.csv",
          "header_aliases.csv",
          "value_aliases.csv");

  /** Optional CSV files. */
  public static final List<String> OPTIONAL = List.of("unit_aliases.csv");

  /** Reads the reference folder at {@code root}. */
  public static ReferenceData load(Storage storage, String root) {
    Map<String, CsvTable> files = new LinkedHashMap<>();
    Map<String, String> hashes = new LinkedHashMap<>();
    List<String> names = new ArrayList<>(REQUIRED);
    names.addAll(OPTIONAL);
    for (String name : names) {
      String location = root + "/" + name;
      if (!storage.exists(location)) {
        if (REQUIRED.contains(name)) {
          throw new DanvanException(
              "Reference file "
                  + location
                  + " is missing; see data/reference/ for the expected files");
        }
        continue;
      }
      byte[] bytes = storage.readAll(location);
      hashes.put(name, DigestUtils.sha256Hex(bytes));
      files.put(name, CsvTable.read(location, new java.io.ByteArrayInputStream(bytes)));
    }
    String settingsFile = root + "/settings.properties";
    Settings settings;
    if (storage.exists(settingsFile)) {
      try (InputStream in = storage.open(settingsFile)) {
        settings = Settings.load(settingsFile, in);
      } catch (java.io.IOException e) {
        throw new DanvanException("Cannot read " + settingsFile + ": " + e.getMessage(), e);
      }
    } else {
      settings = Settings.load(settingsFile, null);
    }
    return new ReferenceData(root, files, hashes, settings);
  }

  /** The CSV file {@code name}. */
  public CsvTable file(String name) {
    CsvTable table = files.get(name);
    if (table == null) {
      throw new DanvanException("Reference file " + root + "/" + name + " is missing");
    }
    return table;
  }

  /** The header aliases of district templates. */
  public HeaderAliases headerAliases() {
    return HeaderAliases.from(file("header_aliases.csv"));
  }

  /** The vocabularies of enumerated columns. */
  public Vocabulary vocabulary() {
    return Vocabulary.from(file("value_aliases.csv"));
  }

  /** The working-day calendar of {@code holidays.csv}: deadlines are counted in it. */
  public WorkingDays workingDays() {
    return WorkingDays.from(file("holidays.csv"));
  }

  /** The administrative map in time, checked against its lineage. */
  public synchronized UnitDirectory units() {
    if (units == null) {
      units = loadUnits();
    }
    return units;
  }

  private UnitDirectory loadUnits() {
    CsvTable table = file("units.csv");
    List<UnitVersion> units = new ArrayList<>();
    for (int i = 0; i < table.rows().size(); i++) {
      Map<String, String> r = table.rows().get(i);
      ReferenceCells cells = new ReferenceCells(table, i);
      units.add(
          new UnitVersion(
              cells.required("unit_code"),
              cells.required("name"),
              cells.required("level"),
              r.get("parent_code"),
              cells.date("valid_from", LocalDate.MIN),
              cells.date("valid_to", LocalDate.MAX),
              r.get("em_region"),
              cells.whole("population"),
              cells.whole("em_population")));
    }
    Map<String, List<String>> aliases = new HashMap<>();
    if (files.containsKey("unit_aliases.csv")) {
      for (Map<String, String> r : file("unit_aliases.csv").rows()) {
        aliases.computeIfAbsent(r.get("unit_code"), c -> new ArrayList<>()).add(r.get("alias"));
      }
    }
    List<LineageLink> lineage = lineage();
    ReferenceValidation.check(units, lineage);
    return new UnitDirectory(units, lineage, aliases);
  }

  /** The lineage links from old units to new ones. */
  public synchronized List<LineageLink> lineage() {
    if (lineage == null) {
      lineage = List.copyOf(loadLineage());
    }
    return lineage;
  }

  private List<LineageLink> loadLineage() {
    CsvTable table = file("unit_lineage.csv");
    List<LineageLink> links = new ArrayList<>();
    for (int i = 0; i < table.rows().size(); i++) {
      ReferenceCells cells = new ReferenceCells(table, i);
      links.add(
          new LineageLink(
              cells.required("from_code"),
              cells.required("to_code"),
              cells.date("effective_on", null),
              cells.decimal("weight", 1.0)));
    }
    return links;
  }

  /** One digest of every reference file, to tell when reference tables must be rewritten. */
  public String digest() {
    return DigestUtils.sha256Hex(hashes.toString());
  }
}
