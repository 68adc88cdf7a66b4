-- 日次売上集計 (daily sales roll-up)
set hive.exec.dynamic.partition=true;
set hive.exec.dynamic.partition.mode=nonstrict;
set mapred.reduce.tasks=64;
set hive.merge.mapredfiles=true;
set hive.execution.engine=tez;
set mapreduce.map.memory.mb=4096;

add jar /home/batch/lib/acme-udf-1.4.jar;
create temporary function to_jst as 'jp.acme.hive.udf.ToJst';
create temporary macro yen(x bigint) x * 1.1;

use dwh;

INSERT OVERWRITE TABLE dwh.daily_sales PARTITION (dt)
SELECT /*+ MAPJOIN(s) */
       s.shop_id,
       s.shop_name,
       sum(yen(o.amount)) AS amount_with_tax,
       count(DISTINCT o.user_id) AS buyers,
       to_jst(max(o.ordered_at)) AS last_order_jst,
       from_unixtime(unix_timestamp(o.dt, 'yyyyMMdd'), 'YYYY-MM-dd') AS dt
FROM raw.orders o
JOIN raw.shops s ON o.shop_id = s.shop_id
WHERE o.dt = '${hiveconf:target_dt}'
GROUP BY s.shop_id, s.shop_name, o.dt;

-- 集計が終わったら一時ファイルを消す
dfs -rm -r -skipTrash hdfs://ns1/data/raw/orders_tmp/dt=${hiveconf:target_dt};

ANALYZE TABLE dwh.daily_sales PARTITION (dt='${hiveconf:target_dt}') COMPUTE STATISTICS FOR COLUMNS;
