-- sparkport: events, step 1 (hive-sql)
-- source: batch-05:/home/etl/ddl/events.hql:1
-- replaces:
--   batch-05:/home/etl/ddl/events.hql  batch-05:/home/etl/ddl/events.hql:1
-- rules: SP010, SP112
-- [SP112] the legacy Hive servers ran in Asia/Tokyo
SET spark.sql.session.timeZone=Asia/Tokyo;
CREATE EXTERNAL TABLE IF NOT EXISTS lake.app_events (
  session_id STRING,
  step STRING,
  ts TIMESTAMP
)
PARTITIONED BY (dt STRING)
ROW FORMAT DELIMITED FIELDS TERMINATED BY '\t'
STORED AS TEXTFILE
LOCATION 's3://example-lake/lake/app_events';
