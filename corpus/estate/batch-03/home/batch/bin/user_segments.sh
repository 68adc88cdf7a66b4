#!/bin/bash
# ユーザーセグメントの再計算 (heredoc の SQL)
set -eu
DT=${1:-$(date -d '1 day ago' +%Y-%m-%d)}
hive --hivevar dt=${DT} <<'SQL'
INSERT OVERWRITE TABLE dwh.user_segments
SELECT u.user_id,
       CASE WHEN SUM(o.amount) >= 100000 THEN 'vip'
            WHEN SUM(o.amount) >= 10000 THEN 'regular'
            ELSE 'light' END AS segment
FROM lake.shop_users u
LEFT JOIN lake.shop_orders o ON o.user_id = u.user_id
GROUP BY u.user_id;
SQL
