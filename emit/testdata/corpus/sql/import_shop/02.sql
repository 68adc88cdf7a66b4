-- sparkport: import_shop, step 2 (sqoop import as a Spark JDBC read)
-- source: batch-03:/home/batch/bin/import_shop.sh:11
-- replaces:
--   batch-03:/etc/crontab:5
--   batch-04:/etc/cron.d/shop:2
-- credentials: AWS Secrets Manager secret prod/shopdb01/etl, through its JDBC wrapper driver (never inline)
CREATE TEMPORARY VIEW sqoop_source
USING jdbc
OPTIONS (
  url 'jdbc-secretsmanager:mysql://shopdb01:3306/shop',
  driver 'com.amazonaws.secretsmanager.sql.AWSSecretsManagerMySQLDriver',
  user 'prod/shopdb01/etl',
  dbtable 'users'
);
INSERT OVERWRITE TABLE lake.shop_users
SELECT * FROM sqoop_source;
