-- 全店舗の売上サマリ
INSERT OVERWRITE TABLE dwh.sales_summary PARTITION (dt='${hivevar:dt}')
SELECT s.store_code, SUM(o.amount) AS sales, COUNT(DISTINCT o.user_id) AS buyers
FROM lake.shop_orders o
JOIN dwh.dim_shop s ON o.shop_id = s.shop_id
WHERE o.dt = '${hivevar:dt}'
GROUP BY s.store_code;
