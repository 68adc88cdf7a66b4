-- sparkport: ml_features, step 2 (spark-sql)
-- source: batch-06:/home/report/bin/ml_features.sh:7
-- replaces:
--   batch-06:/etc/cron.d/report:3  batch-06:/home/report/bin/ml_features.sh:7
-- rules: SP112, SP124
-- [SP112] the legacy Hive servers ran in Asia/Tokyo
SET spark.sql.session.timeZone=Asia/Tokyo;
SET spark.sql.storeAssignmentPolicy=LEGACY;
INSERT OVERWRITE TABLE mart.ml_scores
SELECT user_id, score
FROM dwh.ml_features
WHERE dt = '${hivevar:DT}';
