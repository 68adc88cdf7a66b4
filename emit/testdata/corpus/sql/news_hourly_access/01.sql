-- sparkport: news_hourly_access, step 1 (hive-sql)
-- source: batch-08:/home/batch/sql/news_hourly_access.hql:1
-- replaces:
--   batch-08:/etc/crontab:5  batch-08:/home/batch/sql/news_hourly_access.hql:1
-- rules: SP112, SP124
-- [SP112] the legacy Hive servers ran in Asia/Tokyo
SET spark.sql.session.timeZone=Asia/Tokyo;
-- news アプリの時間別アクセス集計
SET spark.sql.storeAssignmentPolicy=LEGACY;
INSERT OVERWRITE TABLE dwh.news_hourly_access PARTITION (dt = '${hivevar:dt}', hour = '${hivevar:hour}')
SELECT a.endpoint, COUNT(*) AS requests, MAX(a.latency_ms) AS avg_latency
FROM lake.news_access a
WHERE a.dt = '${hivevar:dt}' AND a.hour = '${hivevar:hour}'
GROUP BY a.endpoint;
