package vn.danvan.bench;

import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/** DuckDB computing the five indicators straight from the same landing files. */
final class DuckDbFive {

  private DuckDbFive() {}

  /** The five by {@code indicator|district|quarter}. */
  static Map<String, Double> compute(String landing, String reference) throws SQLException {
    try (Connection c = DriverManager.getConnection("jdbc:duckdb:");
        Statement s = c.createStatement()) {
      for (String kind : List.of("dialogues", "outreach", "models")) {
        s.execute(
            "CREATE VIEW "
                + kind
                + "_raw AS SELECT *, regexp_extract(filename, '"
                + kind
                + "/([^/]+)/', 1) AS district FROM read_csv('"
                + landing
                + "/"
                + kind
                + "/*/*.csv', header = true, all_varchar = true, filename = true)");
      }
      s.execute(
          "CREATE VIEW units AS SELECT * FROM read_csv('"
              + reference
              + "/units.csv', header = true, all_varchar = true)");
      s.execute(
          "CREATE VIEW quarters AS SELECT CAST(year(d) AS VARCHAR) || '-Q' ||"
              + " CAST(quarter(d) AS VARCHAR) AS q, last_day(d + INTERVAL 2 MONTH) AS q_end"
              + " FROM range(DATE '2019-01-01', DATE '2027-01-01', INTERVAL 3 MONTH) t(d)");
      Map<String, Double> result = new TreeMap<>();
      try (ResultSet rs = s.executeQuery(FiveIndicators.forDuckDb())) {
        while (rs.next()) {
          result.put(
              rs.getString(1) + "|" + rs.getString(2) + "|" + rs.getString(3), rs.getDouble(4));
        }
      }
      return result;
    }
  }
}
