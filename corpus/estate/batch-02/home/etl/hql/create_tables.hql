create database if not exists dwh comment 'warehouse layer' location 'hdfs://ns1/user/hive/warehouse/dwh.db';

create external table if not exists dwh.dim_shop (
  shop_id   bigint comment '店舗ID',
  shop_name string comment '店舗名',
  attrs     map<string, string>,
  tags      array<struct<name: string, score: double>>
)
comment 'shop dimension'
partitioned by (dt string)
row format delimited fields terminated by '\t' collection items terminated by ',' map keys terminated by ':'
stored as textfile
location 'hdfs://ns1/user/hive/warehouse/dwh.db/dim_shop'
tblproperties ('skip.header.line.count' = '1');

alter table lake.app_events add if not exists partition (dt = '${hivevar:dt}');
msck repair table lake.app_events;
