-- [SP112] the legacy Hive servers ran in Asia/Tokyo
SET spark.sql.session.timeZone=Asia/Tokyo;
CREATE DATABASE IF NOT EXISTS raw LOCATION 's3://acme-lake/raw.db';
CREATE DATABASE IF NOT EXISTS mart_sales COMMENT 'sales mart' LOCATION 's3://acme-mart/mart_sales.db';
CREATE EXTERNAL TABLE IF NOT EXISTS raw.orders (
  order_id BIGINT COMMENT '注文ID',
  user_id BIGINT,
  shop_id INT,
  amount BIGINT,
  ordered_at STRING
)
PARTITIONED BY (dt STRING)
ROW FORMAT DELIMITED FIELDS TERMINATED BY '\t'
STORED AS TEXTFILE
LOCATION 's3://acme-lake/raw/orders';
CREATE TABLE IF NOT EXISTS dwh.daily_sales (
  shop_id INT,
  shop_name STRING,
  amount_with_tax DECIMAL(38,6),
  buyers BIGINT,
  last_order_jst STRING
)
PARTITIONED BY (dt STRING)
CLUSTERED BY (shop_id) INTO 16 BUCKETS
STORED AS ORC
TBLPROPERTIES ('orc.compress'='SNAPPY');
CREATE TABLE mart_sales.shop_rank (
  shop_id INT,
  rnk INT
);
CACHE TABLE tmp_top AS SELECT shop_id
FROM dwh.daily_sales
WHERE buyers > 100;
ALTER TABLE raw.orders ADD IF NOT EXISTS PARTITION (dt = '20240101') LOCATION 's3://acme-lake/raw/orders/dt=20240101';
ALTER TABLE dwh.daily_sales ALTER COLUMN last_order_jst COMMENT 'JST';
-- [SP022] dropped: ALTER TABLE dwh.daily_sales PARTITION (dt='20240101') CONCATENATE -- merges small files of a Hive table, on S3 rewrite the partition with a REBALANCE hint if needed
MSCK REPAIR TABLE raw.orders;
