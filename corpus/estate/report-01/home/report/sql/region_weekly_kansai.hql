-- 地域別の週次レポート (kansai)
INSERT OVERWRITE TABLE mart.region_weekly_kansai PARTITION (week='${hivevar:week}')
SELECT s.prefecture, SUM(ss.sales) AS sales
FROM dwh.sales_summary ss
JOIN dwh.dim_shop s ON s.store_code = ss.store_code
WHERE ss.dt >= '${hivevar:from_dt}' AND s.region = 'kansai'
GROUP BY s.prefecture
HAVING SUM(ss.sales) > 50000;
