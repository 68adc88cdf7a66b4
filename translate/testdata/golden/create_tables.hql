CREATE DATABASE IF NOT EXISTS raw;
CREATE DATABASE IF NOT EXISTS mart_sales COMMENT 'sales mart';

CREATE EXTERNAL TABLE IF NOT EXISTS raw.orders (
  order_id BIGINT COMMENT '注文ID',
  user_id BIGINT,
  shop_id INT,
  amount BIGINT,
  ordered_at STRING,
  PRIMARY KEY (order_id) DISABLE NOVALIDATE
)
PARTITIONED BY (dt STRING)
ROW FORMAT DELIMITED FIELDS TERMINATED BY '\t'
STORED AS TEXTFILE
LOCATION 'hdfs://ns1/data/raw/orders';

CREATE TABLE IF NOT EXISTS dwh.daily_sales (
  shop_id INT,
  shop_name STRING,
  amount_with_tax DECIMAL(38,6),
  buyers BIGINT,
  last_order_jst STRING
)
PARTITIONED BY (dt STRING)
CLUSTERED BY (shop_id) INTO 16 BUCKETS
SKEWED BY (shop_id) ON (1, 2) STORED AS DIRECTORIES
STORED AS ORC
TBLPROPERTIES ('orc.compress'='SNAPPY');

CREATE TABLE mart_sales.shop_rank (shop_id INT, rnk INT);

CREATE TEMPORARY TABLE tmp_top AS SELECT shop_id FROM dwh.daily_sales WHERE buyers > 100;

ALTER TABLE raw.orders ADD IF NOT EXISTS PARTITION (dt='20240101') LOCATION 'hdfs://ns1/data/raw/orders/dt=20240101';
ALTER TABLE dwh.daily_sales CHANGE last_order_jst last_order_jst STRING COMMENT 'JST';
ALTER TABLE dwh.daily_sales PARTITION (dt='20240101') CONCATENATE;
MSCK REPAIR TABLE raw.orders;
