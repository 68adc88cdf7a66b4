-- sparkport: daily_sales, step 1 (sqoop import as a Spark JDBC read)
-- source: batch-01:/home/batch/bin/daily_sales.sh:8
-- replaces:
--   batch-01:/etc/crontab:5
-- credentials: AWS Secrets Manager secret prod/shopdb01/etl, through its JDBC wrapper driver (never inline)
CREATE TEMPORARY VIEW sqoop_source
USING jdbc
OPTIONS (
  url 'jdbc-secretsmanager:mysql://shopdb01/shop',
  driver 'com.amazonaws.secretsmanager.sql.AWSSecretsManagerMySQLDriver',
  user 'prod/shopdb01/etl',
  query 'SELECT * FROM orders WHERE dt=\'${hivevar:DT}\''
);
INSERT INTO TABLE lake.orders
SELECT * FROM sqoop_source;
