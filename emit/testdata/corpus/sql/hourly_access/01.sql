-- sparkport: hourly_access, step 1 (hive-sql)
-- source: batch-07:/home/batch/sql/shop_hourly_access.hql:1
-- replaces:
--   batch-07:/etc/crontab:3  batch-07:/home/batch/sql/shop_hourly_access.hql:1
--   batch-08:/etc/crontab:2  batch-08:/home/batch/sql/shop_hourly_access.hql:1
--   batch-07:/etc/crontab:4  batch-07:/home/batch/sql/point_hourly_access.hql:1
--   batch-08:/etc/crontab:3  batch-08:/home/batch/sql/point_hourly_access.hql:1
--   batch-07:/etc/crontab:5  batch-07:/home/batch/sql/coupon_hourly_access.hql:1
--   batch-08:/etc/crontab:4  batch-08:/home/batch/sql/coupon_hourly_access.hql:1
--   batch-07:/etc/crontab:6  batch-07:/home/batch/sql/news_hourly_access.hql:1
-- variables (--hivevar NAME=VALUE per run):
--   f: shop, point, coupon, news
-- rules: SP112, SP124
-- [SP112] the legacy Hive servers ran in Asia/Tokyo
SET spark.sql.session.timeZone=Asia/Tokyo;
-- shop アプリの時間別アクセス集計
SET spark.sql.storeAssignmentPolicy=LEGACY;
INSERT OVERWRITE TABLE dwh.${hivevar:f}_hourly_access PARTITION (dt = '${hivevar:dt}', hour = '${hivevar:hour}')
SELECT a.endpoint, COUNT(*) AS requests, AVG(a.latency_ms) AS avg_latency
FROM lake.${hivevar:f}_access a
WHERE a.dt = '${hivevar:dt}' AND a.hour = '${hivevar:hour}'
GROUP BY a.endpoint;
