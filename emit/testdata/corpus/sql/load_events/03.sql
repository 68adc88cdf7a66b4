-- sparkport: load_events, step 3 (hive-sql)
-- source: batch-05:/home/etl/bin/load_events.sh:7
-- replaces:
--   batch-05:/var/spool/cron/crontabs/etl:6  batch-05:/home/etl/bin/load_events.sh:7
-- rules: SP112
-- [SP112] the legacy Hive servers ran in Asia/Tokyo
SET spark.sql.session.timeZone=Asia/Tokyo;
MSCK REPAIR TABLE lake.app_events;
