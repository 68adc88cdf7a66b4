-- sparkport: churn_check, step 1 (hive-sql)
-- source: report-01:/home/report/adhoc/churn_check.hql:1
-- replaces:
--   report-01:/home/report/adhoc/churn_check.hql  report-01:/home/report/adhoc/churn_check.hql:1
-- rules: SP112
-- [SP112] the legacy Hive servers ran in Asia/Tokyo
SET spark.sql.session.timeZone=Asia/Tokyo;
-- 解約チェック (手動)
SELECT u.user_id
FROM lake.shop_users u
LEFT ANTI JOIN lake.shop_orders o ON o.user_id = u.user_id;
