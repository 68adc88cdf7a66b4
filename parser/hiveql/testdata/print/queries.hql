-- window, grouping sets, lateral view, union, subqueries
with recent as (select * from lake.orders where dt >= date_sub('${hivevar:dt}', 7))
select shop_id, user_id,
       row_number() over (partition by shop_id order by amount desc rows between unbounded preceding and current row) rn,
       case when amount > 1000 then 'large' when amount > 100 then 'mid' else 'small' end as size
from recent r lateral view outer explode(r.items) i as item
where exists (select 1 from dwh.dim_shop s where s.shop_id = r.shop_id)
  and user_id not in (select user_id from dwh.blacklist)
union all
select shop_id, null, 0, 'none' from dwh.dim_shop
distribute by shop_id sort by shop_id;

select a, b, count(*) from t group by a, b grouping sets ((a, b), a, ());
select -(-1), - -2, !true, not a is null, a[0].f, m['k'], 1Y + 1S + 1L + 1BD + 1.5D from t;
FROM src INSERT OVERWRITE TABLE a SELECT key WHERE key < 100 INSERT INTO TABLE b PARTITION (p) SELECT key, value;
dfs -ls /user/hive;
