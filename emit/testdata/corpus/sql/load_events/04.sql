-- sparkport: load_events, step 4 (hive-sql)
-- source: batch-05:/home/etl/sql/event_funnel.hql:1
-- replaces:
--   batch-05:/var/spool/cron/crontabs/etl:6  batch-05:/home/etl/sql/event_funnel.hql:1
-- rules: SP112, SP124
-- [SP112] the legacy Hive servers ran in Asia/Tokyo
SET spark.sql.session.timeZone=Asia/Tokyo;
SET spark.sql.storeAssignmentPolicy=LEGACY;
INSERT OVERWRITE TABLE dwh.event_funnel PARTITION (dt = '${hivevar:dt}')
SELECT e.step, COUNT(DISTINCT e.session_id) AS sessions
FROM lake.app_events e
WHERE e.dt = '${hivevar:dt}' AND e.step IN ('view', 'cart', 'buy')
GROUP BY e.step;
