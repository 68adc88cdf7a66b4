-- sparkport: user_segments, step 1 (hive-sql)
-- source: batch-03:/home/batch/bin/user_segments.sh:6
-- replaces:
--   batch-03:/etc/crontab:11  batch-03:/home/batch/bin/user_segments.sh:6
--   batch-05:/var/spool/cron/crontabs/etl:4  batch-05:/home/etl/bin/user_segments.sh:6
-- rules: SP112, SP124
-- [SP112] the legacy Hive servers ran in Asia/Tokyo
SET spark.sql.session.timeZone=Asia/Tokyo;
SET spark.sql.storeAssignmentPolicy=LEGACY;
INSERT OVERWRITE TABLE dwh.user_segments
SELECT u.user_id, CASE WHEN SUM(o.amount) >= 100000 THEN 'vip' WHEN SUM(o.amount) >= 10000 THEN 'regular' ELSE 'light' END AS segment
FROM lake.shop_users u
LEFT JOIN lake.shop_orders o ON o.user_id = u.user_id
GROUP BY u.user_id;
