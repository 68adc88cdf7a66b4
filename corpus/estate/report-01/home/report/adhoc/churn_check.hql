-- 解約チェック (手動)
SELECT u.user_id FROM lake.shop_users u
LEFT ANTI JOIN lake.shop_orders o ON o.user_id = u.user_id;
