-- Databricks notebook source
-- MAGIC %md
-- MAGIC # Sự hài lòng của nhân dân và giải quyết kiến nghị
-- MAGIC Satisfaction with dialogues, and petitions: answered on site, resolved within the deadline
-- MAGIC (working days, holidays honoured), still open.

-- COMMAND ----------

SELECT period_key AS ky, unit_code AS tinh, numerator AS phieu_hai_long, denominator AS phieu_thu_ve,
       round(value, 2) AS ty_le_hai_long, round(ci_low, 2) AS can_duoi, round(ci_high, 2) AS can_tren,
       target AS muc_tieu, status AS danh_gia
FROM gold.indicator_values
WHERE indicator_id = 'SAT_RATE' AND basis = 'as_reported' AND unit_level = 'province'
  AND period_type = 'quarter'
ORDER BY period_key

-- COMMAND ----------

-- MAGIC %md
-- MAGIC ## Kiến nghị trả lời tại chỗ và giải quyết đúng hạn, theo năm

-- COMMAND ----------

SELECT period_key AS nam, unit_code AS tinh,
       round(max(CASE WHEN indicator_id = 'PET_ONSITE_RATE' THEN value END), 2) AS ty_le_tra_loi_tai_cho,
       round(max(CASE WHEN indicator_id = 'PET_ONTIME_RATE' THEN value END), 2) AS ty_le_giai_quyet_dung_han,
       max(CASE WHEN indicator_id = 'PET_ONTIME_RATE' THEN denominator END) AS so_kien_nghi_den_han
FROM gold.indicator_values
WHERE basis = 'as_reported' AND unit_level = 'province' AND period_type = 'year'
  AND indicator_id IN ('PET_ONSITE_RATE', 'PET_ONTIME_RATE')
GROUP BY period_key, unit_code
ORDER BY nam

-- COMMAND ----------

-- MAGIC %md
-- MAGIC ## Kiến nghị theo lĩnh vực
-- MAGIC Petitions by topic: how many, how many answered at the meeting, how many still open.

-- COMMAND ----------

SELECT coalesce(topic, '(không ghi)') AS linh_vuc, count(*) AS so_kien_nghi,
       sum(CASE WHEN answered_on_site THEN 1 ELSE 0 END) AS tra_loi_tai_cho,
       sum(CASE WHEN resolved_on IS NULL THEN 1 ELSE 0 END) AS chua_giai_quyet,
       round(avg(datediff(resolved_on, raised_on)), 1) AS so_ngay_giai_quyet_binh_quan
FROM silver.petitions
GROUP BY coalesce(topic, '(không ghi)')
ORDER BY so_kien_nghi DESC

-- COMMAND ----------

-- MAGIC %md
-- MAGIC ## Kiến nghị còn tồn đọng lâu nhất
-- MAGIC Open petitions, oldest first, with the commune and the dialogue they were raised at.

-- COMMAND ----------

SELECT p.raised_on AS ngay_neu, p.commune_name AS xa, p.topic AS linh_vuc, p.dialogue_id AS cuoc_doi_thoai,
       datediff(current_date(), p.raised_on) AS so_ngay_ton_dong
FROM silver.petitions p
WHERE p.resolved_on IS NULL
ORDER BY p.raised_on
LIMIT 50
