-- Databricks notebook source
-- MAGIC %md
-- MAGIC # So sánh các huyện — vì sao huyện này thấp?
-- MAGIC District comparison: where each district stands on satisfaction, dialogue quotas and petitions,
-- MAGIC and what lies behind a low figure. Figures as reported (the units as they were).

-- COMMAND ----------

-- MAGIC %md
-- MAGIC ## Xếp hạng tỷ lệ hài lòng theo năm
-- MAGIC Pooled satisfied / returned ballots, 95 % Wilson intervals, quartile band (1 = best), and whether
-- MAGIC the district differs clearly from the province.

-- COMMAND ----------

SELECT period_key AS nam, rank AS hang, unit_name AS huyen, round(value, 2) AS ty_le_hai_long,
       round(ci_low, 2) AS can_duoi, round(ci_high, 2) AS can_tren, quartile_band AS nhom,
       round(province_value, 2) AS toan_tinh, vs_province AS so_voi_tinh,
       round(change_vs_year_earlier, 2) AS thay_doi_so_voi_nam_truoc
FROM gold.league
WHERE indicator_id = 'SAT_RATE' AND basis = 'as_reported' AND unit_level = 'district'
  AND period_type = 'year'
ORDER BY period_key DESC, hang

-- COMMAND ----------

-- MAGIC %md
-- MAGIC ## Các huyện dưới mức toàn tỉnh: chỉ tiêu nào kéo xuống?
-- MAGIC For each district below the province in its latest year, its other indicators beside the province's.

-- COMMAND ----------

WITH latest AS (
  SELECT max(period_key) AS y FROM gold.league
  WHERE indicator_id = 'SAT_RATE' AND unit_level = 'district' AND period_type = 'year'
),
low AS (
  SELECT l.unit_code, l.province_code, l.period_key FROM gold.league l, latest
  WHERE l.indicator_id = 'SAT_RATE' AND l.basis = 'as_reported' AND l.unit_level = 'district'
    AND l.period_key = latest.y AND l.vs_province = 'below'
)
SELECT d.unit_name AS huyen, d.indicator_id AS chi_tieu, round(d.value, 2) AS gia_tri_huyen,
       round(p.value, 2) AS gia_tri_toan_tinh, d.status AS danh_gia
FROM low
JOIN gold.indicator_values d
  ON d.unit_code = low.unit_code AND d.period_key = low.period_key AND d.basis = 'as_reported'
JOIN gold.indicator_values p
  ON p.unit_code = low.province_code AND p.period_key = low.period_key AND p.basis = 'as_reported'
 AND p.indicator_id = d.indicator_id
WHERE d.indicator_id IN ('SAT_RATE', 'DLG_QUOTA_MET', 'PET_ONSITE_RATE', 'PET_ONTIME_RATE', 'DLG_PER_COMMUNE')
ORDER BY huyen, chi_tieu

-- COMMAND ----------

-- MAGIC %md
-- MAGIC ## Xã nào trong huyện thấp nhất?
-- MAGIC The communes of the lowest-ranked district, lowest satisfaction first, with their ballots.

-- COMMAND ----------

WITH latest AS (
  SELECT period_key, unit_code FROM gold.league
  WHERE indicator_id = 'SAT_RATE' AND basis = 'as_reported' AND unit_level = 'district'
    AND period_type = 'year'
  ORDER BY period_key DESC, rank DESC NULLS LAST
  LIMIT 1
)
SELECT c.unit_name AS xa, round(c.value, 2) AS ty_le_hai_long, c.denominator AS so_phieu,
       c.status AS danh_gia
FROM gold.indicator_values c JOIN latest
  ON c.parent_code = latest.unit_code AND c.period_key = latest.period_key
WHERE c.indicator_id = 'SAT_RATE' AND c.basis = 'as_reported' AND c.unit_level = 'commune'
ORDER BY ty_le_hai_long
