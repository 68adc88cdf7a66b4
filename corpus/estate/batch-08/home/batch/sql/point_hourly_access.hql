-- point アプリの時間別アクセス集計
INSERT OVERWRITE TABLE dwh.point_hourly_access PARTITION (dt='${hivevar:dt}', hour='${hivevar:hour}')
select  x.endpoint, count(*) AS requests, AVG(x.latency_ms) AS avg_latency
FROM lake.point_access AS x
WHERE x.dt = '${hivevar:dt}' AND x.hour = '${hivevar:hour}'
GROUP BY x.endpoint;
