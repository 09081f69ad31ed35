-- Databricks notebook source
-- MAGIC %md
-- MAGIC # Tuyên truyền, vận động vùng đồng bào dân tộc thiểu số
-- MAGIC Ethnic-minority outreach: participants per EM-area commune and per 1 000 EM inhabitants, by
-- MAGIC district and year; the languages sessions were held in.

-- COMMAND ----------

SELECT period_key AS nam, unit_name AS don_vi, unit_level AS cap,
       round(max(CASE WHEN indicator_id = 'OUT_EM_PER_AREA' THEN value END), 1) AS luot_nguoi_moi_xa_dtts,
       round(max(CASE WHEN indicator_id = 'OUT_EM_PER_1000' THEN value END), 1) AS luot_nguoi_tren_1000_nguoi_dtts,
       round(max(CASE WHEN indicator_id = 'OUT_EM_PER_1000' THEN ci_low END), 1) AS can_duoi,
       round(max(CASE WHEN indicator_id = 'OUT_EM_PER_1000' THEN ci_high END), 1) AS can_tren
FROM gold.indicator_values
WHERE basis = 'as_reported' AND period_type = 'year' AND unit_level IN ('district', 'province')
  AND indicator_id IN ('OUT_EM_PER_AREA', 'OUT_EM_PER_1000')
GROUP BY period_key, unit_name, unit_level
ORDER BY nam DESC, cap DESC, luot_nguoi_tren_1000_nguoi_dtts DESC

-- COMMAND ----------

-- MAGIC %md
-- MAGIC ## Số cuộc và lượt người theo ngôn ngữ
-- MAGIC Sessions and participants by the language used, from the typed records.

-- COMMAND ----------

SELECT year(held_on) AS nam, coalesce(language, '(không ghi)') AS ngon_ngu,
       sum(sessions) AS so_cuoc, sum(participants) AS luot_nguoi,
       round(sum(participants) / sum(sessions), 1) AS binh_quan_moi_cuoc
FROM silver.outreach
GROUP BY year(held_on), coalesce(language, '(không ghi)')
ORDER BY nam DESC, luot_nguoi DESC

-- COMMAND ----------

-- MAGIC %md
-- MAGIC ## Đơn vị tổ chức
-- MAGIC Who organised the sessions in ethnic-minority-area communes, phase 2020–2025.

-- COMMAND ----------

SELECT o.organiser AS don_vi_to_chuc, count(*) AS so_dong, sum(o.sessions) AS so_cuoc,
       sum(o.participants) AS luot_nguoi
FROM silver.outreach o
JOIN ref.units u ON u.unit_code = o.commune_code
  AND o.held_on BETWEEN u.valid_from AND coalesce(u.valid_to, DATE'9999-12-31')
WHERE u.em_region IS NOT NULL AND year(o.held_on) BETWEEN 2020 AND 2025
GROUP BY o.organiser
ORDER BY luot_nguoi DESC
