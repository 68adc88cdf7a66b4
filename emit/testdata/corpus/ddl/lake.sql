-- sparkport: Glue Data Catalog definitions for database lake
CREATE DATABASE IF NOT EXISTS lake LOCATION 's3://example-lake/lake/lake.db';

-- lake.app_events, from batch-05:/home/etl/ddl/events.hql:1
CREATE EXTERNAL TABLE IF NOT EXISTS lake.app_events (
  session_id STRING,
  step STRING,
  ts TIMESTAMP
)
PARTITIONED BY (dt STRING)
ROW FORMAT DELIMITED FIELDS TERMINATED BY '\t'
STORED AS TEXTFILE
LOCATION 's3://example-lake/lake/app_events';

-- Used by the estate but defined nowhere in it: take each definition from the
-- legacy metastore (SHOW CREATE TABLE) and set its LOCATION on S3.
--   lake.access_log
--   lake.ads_report
--   lake.coupon_access
--   lake.news_access
--   lake.orders
--   lake.point_access
--   lake.point_history
--   lake.raw_events
--   lake.shop_access
--   lake.shop_items
--   lake.shop_orders
--   lake.shop_shops
--   lake.shop_users
