-- sparkport: import_points, step 2 (hive-sql)
-- source: batch-07:/home/batch/sql/point_balance.hql:1
-- replaces:
--   batch-07:/etc/crontab:7  batch-07:/home/batch/sql/point_balance.hql:1
--   batch-08:/etc/crontab:6  batch-08:/home/batch/sql/point_balance.hql:1
-- rules: SP112, SP124
-- [SP112] the legacy Hive servers ran in Asia/Tokyo
SET spark.sql.session.timeZone=Asia/Tokyo;
SET spark.sql.storeAssignmentPolicy=LEGACY;
INSERT OVERWRITE TABLE dwh.point_balance
SELECT user_id, SUM(CASE WHEN kind = 'grant' THEN amount ELSE -amount END) AS balance
FROM lake.point_history
GROUP BY user_id;
