INSERT OVERWRITE TABLE dwh.event_funnel PARTITION (dt='${hivevar:dt}')
SELECT e.step, COUNT(DISTINCT e.session_id) AS sessions
FROM lake.app_events e
WHERE e.dt = '${hivevar:dt}' AND e.step IN ('view', 'cart', 'buy')
GROUP BY e.step;
