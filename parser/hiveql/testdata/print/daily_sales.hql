-- 日次売上集計 (daily sales by shop)
set hive.exec.dynamic.partition=true;
set hive.exec.dynamic.partition.mode=nonstrict;
set mapreduce.job.queuename=batch;

add jar hdfs://ns1/user/batch/lib/company-udf-1.4.jar;
create temporary function to_jst as 'jp.example.udf.ToJst';

insert overwrite table mart.daily_sales partition (dt = '${hivevar:dt}')
select /*+ MAPJOIN(s) */
       o.shop_id,
       s.shop_name,
       sum(o.amount)          as total_amount,
       count(distinct o.user_id) as buyers
from   lake.orders o
join   dwh.dim_shop s on o.shop_id = s.shop_id
where  o.dt = '${hivevar:dt}'
  and  o.status not in ('cancelled', 'test')
group by o.shop_id, s.shop_name;
