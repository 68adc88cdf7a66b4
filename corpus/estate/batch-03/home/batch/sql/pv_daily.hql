-- page views per day
SET hive.exec.dynamic.partition.mode=nonstrict;
SET mapreduce.job.queuename=batch;

INSERT OVERWRITE TABLE dwh.daily_pv PARTITION (dt)
SELECT l.page_id, COUNT(*) AS pv, COUNT(DISTINCT l.user_id) AS uu, l.dt
FROM lake.access_log l
WHERE l.dt = '${hivevar:dt}' AND l.status = 200
GROUP BY l.page_id, l.dt;
