-- sparkport: region_weekly, step 1 (hive-sql)
-- source: batch-06:/home/report/sql/region_weekly_kanto.hql:1
-- replaces:
--   batch-06:/etc/cron.d/report:1  batch-06:/home/report/sql/region_weekly_kanto.hql:1
--   report-01:/etc/crontab:3  report-01:/home/report/sql/region_weekly_kanto.hql:1
--   batch-06:/etc/cron.d/report:2  batch-06:/home/report/sql/region_weekly_kansai.hql:1
--   report-01:/etc/crontab:4  report-01:/home/report/sql/region_weekly_kansai.hql:1
--   report-01:/etc/crontab:5  report-01:/home/report/sql/region_weekly_kyushu.hql:1
-- variables (--hivevar NAME=VALUE per run):
--   region: kanto, kansai, kyushu
--   sum_sales: 100000, 50000, 20000
-- rules: SP112, SP124
-- [SP112] the legacy Hive servers ran in Asia/Tokyo
SET spark.sql.session.timeZone=Asia/Tokyo;
-- 地域別の週次レポート (kanto)
SET spark.sql.storeAssignmentPolicy=LEGACY;
INSERT OVERWRITE TABLE mart.region_weekly_${hivevar:region} PARTITION (week = '${hivevar:week}')
SELECT s.prefecture, SUM(ss.sales) AS sales
FROM dwh.sales_summary ss
JOIN dwh.dim_shop s ON s.store_code = ss.store_code
WHERE ss.dt >= '${hivevar:from_dt}' AND s.region = '${hivevar:region}'
GROUP BY s.prefecture
HAVING SUM(ss.sales) > ${hivevar:sum_sales};
