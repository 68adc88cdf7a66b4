-- sparkport: daily_sales, step 2 (hive-sql)
-- source: batch-01:/home/batch/sql/daily_sales.hql:1
-- replaces:
--   batch-01:/etc/crontab:5  batch-01:/home/batch/sql/daily_sales.hql:1
-- rules: SP001, SP002, SP003, SP020, SP112, SP124
-- [SP112] the legacy Hive servers ran in Asia/Tokyo
SET spark.sql.session.timeZone=Asia/Tokyo;
-- 日次売上集計 (daily sales by shop)
SET hive.exec.dynamic.partition=true;
SET hive.exec.dynamic.partition.mode=nonstrict;
-- [SP001] dropped: set mapreduce.job.queuename=batch -- container size or queue: set it on the EMR step (spark.executor.memory, spark.yarn.queue), not in SQL
ADD JAR s3://example-lake/work/batch/lib/company-udf-1.4.jar;
CREATE TEMPORARY FUNCTION to_jst AS 'jp.example.udf.ToJst' USING JAR 's3://example-lake/work/batch/lib/company-udf-1.4.jar';
SET spark.sql.storeAssignmentPolicy=LEGACY;
INSERT OVERWRITE TABLE mart.daily_sales PARTITION (dt = '${hivevar:dt}')
SELECT /*+ BROADCAST(s) */ o.shop_id, s.shop_name, sum(o.amount) AS total_amount, count(DISTINCT o.user_id) AS buyers
FROM lake.orders o
JOIN dwh.dim_shop s ON o.shop_id = s.shop_id
WHERE o.dt = '${hivevar:dt}' AND o.status NOT IN ('cancelled', 'test')
GROUP BY o.shop_id, s.shop_name;
