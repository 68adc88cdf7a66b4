-- 日次 PV 集計 (batch-03 からのコピー、Shift_JIS で保存)
-- 担当: データ基盤チーム
set hive.exec.dynamic.partition.mode=nonstrict;
set mapreduce.job.queuename=batch;
insert overwrite table dwh.daily_pv partition (dt)
select a.page_id, count(*) pv, count(distinct a.user_id) uu, a.dt
from lake.access_log a
where a.status = 200 and a.dt = '${hivevar:dt}'
group by a.page_id, a.dt;
