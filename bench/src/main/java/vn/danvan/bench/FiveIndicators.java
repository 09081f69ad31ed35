package vn.danvan.bench;

/**
 * The five indicators the benchmark compares, by district and quarter, written once as SQL that
 * both Spark and DuckDB run over views of the raw landing files: {@code dialogues}, {@code
 * outreach} and {@code models} (every column text, plus {@code district}, the reporting folder),
 * {@code units} (units.csv) and {@code quarters} ({@code q}, {@code q_end}).
 */
final class FiveIndicators {

  private FiveIndicators() {}

  /** The query in Spark's dialect: backquoted names, {@code to_date} with a pattern. */
  static String forSpark() {
    return RESULT
        .replace("\"", "`")
        .replaceAll("to_date_dmy\\(([^)]*)\\)", "to_date($1, 'dd/MM/yyyy')");
  }

  /** The query in DuckDB's dialect: {@code strptime}. */
  static String forDuckDb() {
    return RESULT
        .replaceAll("to_date_dmy\\(([^)]*)\\)", "CAST(strptime($1, '%d/%m/%Y') AS DATE)")
        .replace("AS string", "AS VARCHAR");
  }

  /** Typed dialogues: district, quarter, satisfied and returned ballots. */
  static final String DIALOGUES =
      """
      SELECT district,
             concat(cast(year(held) AS string), '-Q', cast(quarter(held) AS string)) AS q,
             CAST(replace("Số phiếu thu về", '.', '') AS BIGINT) AS returned,
             CAST(replace("Số phiếu hài lòng", '.', '') AS BIGINT) AS satisfied
      FROM (SELECT *, to_date_dmy("Ngày tổ chức") AS held FROM dialogues_raw)
      """;

  /** The result: indicator_id, district, quarter, value. */
  static final String RESULT =
      """
      WITH d AS (%s),
      o AS (
        SELECT o.district,
               concat(cast(year(o.held) AS string), '-Q', cast(quarter(o.held) AS string)) AS q,
               CAST(replace(o."Số lượt người nghe", '.', '') AS BIGINT) AS participants,
               u.em_region IS NOT NULL AS em
        FROM (SELECT *, to_date_dmy("Ngày tổ chức") AS held FROM outreach_raw) o
        LEFT JOIN units u ON u.name = o."Tên xã" AND u.parent_code = o.district
      ),
      em_communes AS (
        SELECT parent_code AS district, count(*) AS n FROM units
        WHERE level = 'commune' AND em_region IS NOT NULL GROUP BY parent_code
      ),
      m AS (
        SELECT district, "Mã mô hình" AS id, to_date_dmy("Ngày cập nhật") AS status_on,
               "Trạng thái" IN ('Công nhận', 'Khen thưởng') AS recognised
        FROM models_raw
      ),
      states AS (
        SELECT m.district, q.q, m.recognised,
               row_number() OVER (PARTITION BY m.id, q.q ORDER BY m.status_on DESC) AS latest
        FROM m JOIN quarters q ON m.status_on <= q.q_end
      )
      SELECT 'DLG_COUNT' AS indicator_id, district, q, CAST(count(*) AS DOUBLE) AS value
      FROM d GROUP BY district, q
      UNION ALL
      SELECT 'SAT_RATE', district, q, 100.0 * sum(satisfied) / sum(returned)
      FROM d GROUP BY district, q HAVING sum(returned) > 0
      UNION ALL
      SELECT 'OUT_PARTICIPANTS', district, q, CAST(sum(participants) AS DOUBLE)
      FROM o GROUP BY district, q
      UNION ALL
      SELECT 'OUT_EM_PER_AREA', o.district, o.q,
             sum(CASE WHEN o.em THEN o.participants ELSE 0 END) / max(e.n)
      FROM o JOIN em_communes e ON e.district = o.district GROUP BY o.district, o.q
      UNION ALL
      SELECT 'MDL_RECOG_RATE', district, q,
             100.0 * sum(CASE WHEN recognised THEN 1 ELSE 0 END) / count(*)
      FROM states WHERE latest = 1 GROUP BY district, q
      """
          .formatted(DIALOGUES);
}
