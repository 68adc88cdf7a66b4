-- sparkport: store_sales, step 1 (hive-sql)
-- source: batch-03:/home/batch/sql/store_sales_sakae.hql:1
-- replaces:
--   batch-03:/etc/crontab:10  batch-03:/home/batch/sql/store_sales_sakae.hql:1
--   batch-05:/var/spool/cron/crontabs/etl:2  batch-05:/home/etl/sql/store_sales_sakae.hql:1
--   batch-03:/etc/crontab:7  batch-03:/home/batch/sql/store_sales_umeda.hql:1
--   batch-04:/etc/cron.d/shop:4  batch-04:/home/batch/sql/store_sales_umeda.hql:1
--   batch-03:/etc/crontab:8  batch-03:/home/batch/sql/store_sales_namba.hql:1
--   batch-04:/etc/cron.d/shop:5  batch-04:/home/batch/sql/store_sales_namba.hql:1
--   batch-03:/etc/crontab:9  batch-03:/home/batch/sql/store_sales_tenjin.hql:1
--   batch-04:/etc/cron.d/shop:6  batch-04:/home/batch/sql/store_sales_tenjin.hql:1
-- variables (--hivevar NAME=VALUE per run):
--   store_code: sakae, umeda, namba, tenjin
-- rules: SP112, SP124
-- [SP112] the legacy Hive servers ran in Asia/Tokyo
SET spark.sql.session.timeZone=Asia/Tokyo;
-- 店舗別日次売上 (sakae)
SET spark.sql.storeAssignmentPolicy=LEGACY;
INSERT OVERWRITE TABLE mart.store_sales_${hivevar:store_code} PARTITION (dt = '${hivevar:dt}')
SELECT s.shop_id, s.shop_name, SUM(o.amount) AS sales, COUNT(*) AS orders
FROM lake.shop_orders o
JOIN dwh.dim_shop s ON o.shop_id = s.shop_id
WHERE o.dt = '${hivevar:dt}' AND s.store_code = '${hivevar:store_code}'
GROUP BY s.shop_id, s.shop_name;
