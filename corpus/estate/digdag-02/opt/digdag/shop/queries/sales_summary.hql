-- 全店舗の売上サマリ (digdag-01 と同じ、整形し直したもの)
insert overwrite table dwh.sales_summary partition (dt = '${hivevar:dt}')
select
    st.store_code,
    sum(ord.amount)                as sales,
    count(distinct ord.user_id)    as buyers
from lake.shop_orders as ord
inner join dwh.dim_shop as st
    on st.shop_id = ord.shop_id
where ord.dt = '${hivevar:dt}'
group by st.store_code;
