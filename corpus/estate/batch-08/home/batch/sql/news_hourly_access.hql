-- news アプリの時間別アクセス集計
INSERT OVERWRITE TABLE dwh.news_hourly_access PARTITION (dt='${hivevar:dt}', hour='${hivevar:hour}')
SELECT a.endpoint, COUNT(*) AS requests, MAX(a.latency_ms) AS avg_latency
FROM lake.news_access a
WHERE a.dt = '${hivevar:dt}' AND a.hour = '${hivevar:hour}'
GROUP BY a.endpoint;
