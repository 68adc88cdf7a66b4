INSERT OVERWRITE TABLE dwh.point_balance
SELECT user_id, SUM(CASE WHEN kind = 'grant' THEN amount ELSE -amount END) AS balance
FROM lake.point_history
GROUP BY user_id;
