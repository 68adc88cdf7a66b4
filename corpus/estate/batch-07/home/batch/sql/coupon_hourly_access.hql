-- coupon アプリの時間別アクセス集計
INSERT OVERWRITE TABLE dwh.coupon_hourly_access PARTITION (dt='${hivevar:dt}', hour='${hivevar:hour}')
SELECT a.endpoint, COUNT(*) AS requests, AVG(a.latency_ms) AS avg_latency
FROM lake.coupon_access a
WHERE a.dt = '${hivevar:dt}' AND a.hour = '${hivevar:hour}'
GROUP BY a.endpoint;
