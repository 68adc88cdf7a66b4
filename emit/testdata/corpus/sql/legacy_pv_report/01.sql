-- sparkport: legacy_pv_report, step 1 (hive-sql)
-- source: batch-04:/home/batch/sql/legacy_pv_report.hql:1
-- replaces:
--   batch-04:/etc/cron.d/shop:7  batch-04:/home/batch/sql/legacy_pv_report.hql:1
-- rules: SP112, SP124
-- [SP112] the legacy Hive servers ran in Asia/Tokyo
SET spark.sql.session.timeZone=Asia/Tokyo;
-- 旧 PV レポート: 2019 年のダッシュボード移行後、誰も読んでいない
SET spark.sql.storeAssignmentPolicy=LEGACY;
INSERT OVERWRITE TABLE tmp.legacy_pv_report
SELECT page_id, SUM(pv) AS pv
FROM dwh.daily_pv
WHERE dt >= '${hivevar:from_dt}'
GROUP BY page_id;
