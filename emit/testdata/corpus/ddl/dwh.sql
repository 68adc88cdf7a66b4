-- sparkport: Glue Data Catalog definitions for database dwh
CREATE DATABASE IF NOT EXISTS dwh LOCATION 's3://example-lake/warehouse/dwh.db';

-- dwh.dim_shop, from batch-02:/home/etl/hql/create_tables.hql:3
CREATE EXTERNAL TABLE IF NOT EXISTS dwh.dim_shop (
  shop_id BIGINT COMMENT '店舗ID',
  shop_name STRING COMMENT '店舗名',
  attrs MAP<STRING,STRING>,
  tags ARRAY<STRUCT<name:STRING,score:DOUBLE>>
)
COMMENT 'shop dimension'
PARTITIONED BY (dt STRING)
ROW FORMAT DELIMITED FIELDS TERMINATED BY '\t' COLLECTION ITEMS TERMINATED BY ',' MAP KEYS TERMINATED BY ':'
STORED AS textfile
LOCATION 's3://example-lake/warehouse/dwh.db/dim_shop'
TBLPROPERTIES ('skip.header.line.count'='1');

-- Used by the estate but defined nowhere in it: take each definition from the
-- legacy metastore (SHOW CREATE TABLE) and set its LOCATION on S3.
--   dwh.coupon_hourly_access
--   dwh.daily_pv
--   dwh.event_funnel
--   dwh.ml_features
--   dwh.news_hourly_access
--   dwh.point_balance
--   dwh.point_hourly_access
--   dwh.sales_summary
--   dwh.shop_hourly_access
--   dwh.user_event_counts
--   dwh.user_event_tags
--   dwh.user_segments
