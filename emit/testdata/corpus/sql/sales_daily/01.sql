-- sparkport: sales_daily, step 1 (hive-sql)
-- source: batch-02:/home/etl/hql/create_tables.hql:1
-- replaces:
--   batch-02:/opt/digdag/sales/daily.dig  batch-02:/home/etl/hql/create_tables.hql:1
-- rules: SP010, SP112, SP122
-- [SP112] the legacy Hive servers ran in Asia/Tokyo
SET spark.sql.session.timeZone=Asia/Tokyo;
CREATE DATABASE IF NOT EXISTS dwh COMMENT 'warehouse layer' LOCATION 's3://example-lake/warehouse/dwh.db';
-- [SP010, SP122] needs a person: the estate's definition of dwh.dim_shop contradicts its use (digdag-01:/opt/digdag/shop/queries/dim_shop.hql:1 writes it with PARTITION (none), the definition has PARTITIONED BY (dt), digdag-01:/opt/digdag/shop/queries/dim_shop.hql:1 inserts 5 columns, the definition has 4 data columns, batch-03:/home/batch/sql/store_sales_sakae.hql:6 reads s.store_code, a column the definition lacks, batch-05:/home/etl/sql/store_sales_sakae.hql:10 reads shop.store_code, a column the definition lacks): take the live definition from the legacy metastore (SHOW CREATE TABLE) into ddl/ and leave this statement out
-- | create external table if not exists dwh.dim_shop (
-- |   shop_id   bigint comment '店舗ID',
-- |   shop_name string comment '店舗名',
-- |   attrs     map<string, string>,
-- |   tags      array<struct<name: string, score: double>>
-- | )
-- | comment 'shop dimension'
-- | partitioned by (dt string)
-- | row format delimited fields terminated by '\t' collection items terminated by ',' map keys terminated by ':'
-- | stored as textfile
-- | location 'hdfs://ns1/user/hive/warehouse/dwh.db/dim_shop'
-- | tblproperties ('skip.header.line.count' = '1')
ALTER TABLE lake.app_events ADD IF NOT EXISTS PARTITION (dt = '${hivevar:dt}');
MSCK REPAIR TABLE lake.app_events;
