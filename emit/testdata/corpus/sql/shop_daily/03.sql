-- sparkport: shop_daily, step 3 (hive-sql)
-- source: digdag-01:/opt/digdag/shop/queries/sales_summary.hql:1
-- replaces:
--   digdag-01:/opt/digdag/shop/daily.dig  digdag-01:/opt/digdag/shop/queries/sales_summary.hql:1
-- rules: SP112, SP124
-- [SP112] the legacy Hive servers ran in Asia/Tokyo
SET spark.sql.session.timeZone=Asia/Tokyo;
-- 全店舗の売上サマリ
SET spark.sql.storeAssignmentPolicy=LEGACY;
INSERT OVERWRITE TABLE dwh.sales_summary PARTITION (dt = '${hivevar:dt}')
SELECT s.store_code, SUM(o.amount) AS sales, COUNT(DISTINCT o.user_id) AS buyers
FROM lake.shop_orders o
JOIN dwh.dim_shop s ON o.shop_id = s.shop_id
WHERE o.dt = '${hivevar:dt}'
GROUP BY s.store_code;
