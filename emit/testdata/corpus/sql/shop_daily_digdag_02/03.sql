-- sparkport: shop_daily_digdag_02, step 3 (hive-sql)
-- source: digdag-02:/opt/digdag/shop/queries/sales_summary.hql:1
-- replaces:
--   digdag-02:/opt/digdag/shop/daily.dig  digdag-02:/opt/digdag/shop/queries/sales_summary.hql:1
-- rules: SP112, SP124
-- [SP112] the legacy Hive servers ran in Asia/Tokyo
SET spark.sql.session.timeZone=Asia/Tokyo;
-- 全店舗の売上サマリ (digdag-01 と同じ、整形し直したもの)
SET spark.sql.storeAssignmentPolicy=LEGACY;
INSERT OVERWRITE TABLE dwh.sales_summary PARTITION (dt = '${hivevar:dt}')
SELECT st.store_code, sum(ord.amount) AS sales, count(DISTINCT ord.user_id) AS buyers
FROM lake.shop_orders AS ord
INNER JOIN dwh.dim_shop AS st ON st.shop_id = ord.shop_id
WHERE ord.dt = '${hivevar:dt}'
GROUP BY st.store_code;
