-- sparkport: pv_daily, step 1 (hive-sql)
-- source: batch-03:/home/batch/sql/pv_daily.hql:1
-- replaces:
--   batch-03:/etc/crontab:6  batch-03:/home/batch/sql/pv_daily.hql:1
--   batch-04:/etc/cron.d/shop:3  batch-04:/home/batch/sql/pv_daily.hql:1
--   batch-05:/var/spool/cron/crontabs/etl:3  batch-05:/home/etl/sql/pv_daily.hql:1
-- rules: SP001, SP100, SP112, SP124
-- [SP112] the legacy Hive servers ran in Asia/Tokyo
SET spark.sql.session.timeZone=Asia/Tokyo;
-- page views per day
SET hive.exec.dynamic.partition.mode=nonstrict;
-- [SP001] dropped: SET mapreduce.job.queuename=batch -- container size or queue: set it on the EMR step (spark.executor.memory, spark.yarn.queue), not in SQL
SET spark.sql.sources.partitionOverwriteMode=dynamic;
SET spark.sql.storeAssignmentPolicy=LEGACY;
INSERT OVERWRITE TABLE dwh.daily_pv PARTITION (dt)
SELECT l.page_id, COUNT(*) AS pv, COUNT(DISTINCT l.user_id) AS uu, l.dt
FROM lake.access_log l
WHERE l.dt = '${hivevar:dt}' AND l.status = 200
GROUP BY l.page_id, l.dt;
