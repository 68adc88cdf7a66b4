-- 店舗別日次売上 (tenjin)
INSERT OVERWRITE TABLE mart.store_sales_tenjin PARTITION (dt='${hivevar:dt}')
SELECT s.shop_id, s.shop_name, SUM(o.amount) AS sales, COUNT(*) AS orders
FROM lake.shop_orders o
JOIN dwh.dim_shop s ON o.shop_id = s.shop_id
WHERE o.dt = '${hivevar:dt}' AND s.store_code = 'tenjin'
GROUP BY s.shop_id, s.shop_name;
