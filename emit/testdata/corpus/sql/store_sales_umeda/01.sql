-- sparkport: store_sales_umeda, step 1 (hive-sql)
-- source: report-01:/home/report/sql/store_sales_umeda.hql:1
-- replaces:
--   report-01:/etc/crontab:6  report-01:/home/report/sql/store_sales_umeda.hql:1
-- rules: SP112, SP124
-- [SP112] the legacy Hive servers ran in Asia/Tokyo
SET spark.sql.session.timeZone=Asia/Tokyo;
-- 店舗別日次売上 (最大注文額に変えた版) (umeda)
SET spark.sql.storeAssignmentPolicy=LEGACY;
INSERT OVERWRITE TABLE mart.store_sales_umeda PARTITION (dt = '${hivevar:dt}')
SELECT s.shop_id, s.shop_name, MAX(o.amount) AS sales, COUNT(*) AS orders
FROM lake.shop_orders o
JOIN dwh.dim_shop s ON o.shop_id = s.shop_id
WHERE o.dt = '${hivevar:dt}' AND s.store_code = 'umeda'
GROUP BY s.shop_id, s.shop_name;
