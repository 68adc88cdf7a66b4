-- [SP112] the legacy Hive servers ran in Asia/Tokyo
SET spark.sql.session.timeZone=Asia/Tokyo;
-- 日次売上集計 (daily sales roll-up)
SET hive.exec.dynamic.partition=true;
SET hive.exec.dynamic.partition.mode=nonstrict;
SET spark.sql.shuffle.partitions=64;
-- [SP001] dropped: set hive.merge.mapredfiles=true -- Spark has no post-job small-file merge, adaptive execution coalesces shuffle partitions, and a REBALANCE hint on the insert controls file counts
-- [SP001] dropped: set hive.execution.engine=tez -- Hive/MapReduce/Tez execution setting with no effect in Spark
-- [SP001] dropped: set mapreduce.map.memory.mb=4096 -- container size or queue: set it on the EMR step (spark.executor.memory, spark.yarn.queue), not in SQL
ADD JAR s3://acme-artifacts/jars/acme-udf-1.4.jar;
CREATE TEMPORARY FUNCTION to_jst AS 'jp.acme.hive.udf.ToJst' USING JAR 's3://acme-artifacts/jars/acme-udf-1.4.jar';
-- [SP023] dropped: create temporary macro yen(x bigint) x * 1.1 -- macro yen is inlined where it is called
USE dwh;
SET spark.sql.sources.partitionOverwriteMode=dynamic;
SET spark.sql.storeAssignmentPolicy=LEGACY;
INSERT OVERWRITE TABLE dwh.daily_sales PARTITION (dt)
SELECT /*+ BROADCAST(s) */ s.shop_id, s.shop_name, sum((CAST(o.amount AS BIGINT) * 1.1)) AS amount_with_tax, count(DISTINCT o.user_id) AS buyers, to_jst(max(o.ordered_at)) AS last_order_jst, from_unixtime(unix_timestamp(o.dt, 'yyyyMMdd'), 'YYYY-MM-dd') AS dt
FROM raw.orders o
JOIN raw.shops s ON o.shop_id = s.shop_id
WHERE o.dt = '${hiveconf:target_dt}'
GROUP BY s.shop_id, s.shop_name, o.dt;
-- 集計が終わったら一時ファイルを消す
-- [SP004] hdfs step (not Spark SQL): hadoop fs -rm -r -skipTrash 's3://acme-lake/raw/orders_tmp/dt=${hiveconf:target_dt}'
ANALYZE TABLE dwh.daily_sales COMPUTE STATISTICS FOR ALL COLUMNS;
