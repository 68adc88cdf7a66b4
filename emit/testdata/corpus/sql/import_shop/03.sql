-- sparkport: import_shop, step 3 (sqoop import as a Spark JDBC read)
-- source: batch-03:/home/batch/bin/import_shop.sh:13
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
  query 'SELECT i.item_id, i.name, c.category FROM items i JOIN categories c ON i.category_id = c.id WHERE (1 = 1)'
);
INSERT OVERWRITE TABLE lake.shop_items
SELECT * FROM sqoop_source;
