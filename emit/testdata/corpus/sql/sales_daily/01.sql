-- sparkport: sales_daily, step 1 (hive-sql)
-- source: batch-02:/home/etl/hql/create_tables.hql:1
-- replaces:
--   batch-02:/opt/digdag/sales/daily.dig  batch-02:/home/etl/hql/create_tables.hql:1
-- rules: SP010, SP112
-- [SP112] the legacy Hive servers ran in Asia/Tokyo
SET spark.sql.session.timeZone=Asia/Tokyo;
CREATE DATABASE IF NOT EXISTS dwh COMMENT 'warehouse layer' LOCATION 's3://example-lake/warehouse/dwh.db';
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
ALTER TABLE dwh.dim_shop ADD IF NOT EXISTS PARTITION (dt = '${hivevar:dt}');
MSCK REPAIR TABLE dwh.dim_shop;
