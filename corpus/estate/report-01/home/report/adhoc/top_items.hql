-- アドホック分析: 人気商品 (手動実行)
SELECT i.category, i.name, COUNT(*) AS cnt
FROM lake.shop_orders o JOIN lake.shop_items i ON o.item_id = i.item_id
WHERE o.dt >= '2026-10-01'
GROUP BY i.category, i.name
ORDER BY cnt DESC
LIMIT 100;
