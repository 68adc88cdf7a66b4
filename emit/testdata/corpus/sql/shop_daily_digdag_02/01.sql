-- sparkport: shop_daily_digdag_02, step 1 (sqoop import as a Spark JDBC read)
-- source: digdag-02:/opt/digdag/shop/daily.dig:10
-- replaces:
--   digdag-02:/opt/digdag/shop/daily.dig
-- credentials: AWS Secrets Manager secret prod/shopdb01/etl, through its JDBC wrapper driver (never inline)
CREATE TEMPORARY VIEW sqoop_source
USING jdbc
OPTIONS (
  url 'jdbc-secretsmanager:mysql://shopdb01:3306/shop',
  driver 'com.amazonaws.secretsmanager.sql.AWSSecretsManagerMySQLDriver',
  user 'prod/shopdb01/etl',
  dbtable 'shops'
);
INSERT OVERWRITE TABLE lake.shop_shops
SELECT * FROM sqoop_source;
