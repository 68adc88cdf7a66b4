-- sparkport: top_items, step 1 (hive-sql)
-- source: report-01:/home/report/adhoc/top_items.hql:1
-- replaces:
--   report-01:/home/report/adhoc/top_items.hql  report-01:/home/report/adhoc/top_items.hql:1
-- rules: SP112
-- [SP112] the legacy Hive servers ran in Asia/Tokyo
SET spark.sql.session.timeZone=Asia/Tokyo;
-- アドホック分析: 人気商品 (手動実行)
SELECT i.category, i.name, COUNT(*) AS cnt
FROM lake.shop_orders o
JOIN lake.shop_items i ON o.item_id = i.item_id
WHERE o.dt >= '2026-10-01'
GROUP BY i.category, i.name
ORDER BY cnt DESC
LIMIT 100;
