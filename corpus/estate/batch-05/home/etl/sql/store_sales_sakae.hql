/* sakae store: daily sales (copied from batch-03, 2021) */
insert overwrite table mart.store_sales_sakae partition (dt='${hivevar:dt}')
select   shop.shop_id,
         shop.shop_name,
         sum(ord.amount)  sales,
         count(*)         orders
from     lake.shop_orders ord
join     dwh.dim_shop shop
  on     shop.shop_id = ord.shop_id
where    (shop.store_code = 'sakae' and ord.dt = '${hivevar:dt}')
group by shop.shop_id, shop.shop_name;
