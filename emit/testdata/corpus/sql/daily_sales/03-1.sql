-- sparkport: daily_sales, step 3 (hive-sql)
-- source: batch-01:/home/batch/sql/user_events.hql:1
-- replaces:
--   batch-01:/etc/crontab:5  batch-01:/home/batch/sql/user_events.hql:1
-- rules: SP004, SP112, SP124
-- [SP112] the legacy Hive servers ran in Asia/Tokyo
SET spark.sql.session.timeZone=Asia/Tokyo;
-- ユーザーイベントの展開 (explode event tags)
SET spark.sql.storeAssignmentPolicy=LEGACY;
FROM lake.raw_events e
LATERAL VIEW explode(split(e.tags, ',')) t AS tag
INSERT OVERWRITE TABLE dwh.user_event_tags PARTITION (dt = '${hiveconf:dt}')
SELECT e.user_id, t.tag
WHERE e.dt = '${hiveconf:dt}'
INSERT OVERWRITE TABLE dwh.user_event_counts PARTITION (dt = '${hiveconf:dt}')
SELECT e.user_id, count(*)
WHERE e.dt = '${hiveconf:dt}'
GROUP BY e.user_id;
