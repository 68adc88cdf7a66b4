-- sparkport: import_points, step 1 (sqoop import as a Spark JDBC read)
-- source: batch-07:/home/batch/bin/import_points.sh:4
-- replaces:
--   batch-07:/etc/crontab:7
--   batch-08:/etc/crontab:6
-- credentials: AWS Secrets Manager secret sparkport/pointdb01/point/etl, through its JDBC wrapper driver (never inline)
CREATE TEMPORARY VIEW sqoop_source
USING jdbc
OPTIONS (
  url 'jdbc-secretsmanager:mysql://pointdb01/point',
  driver 'com.amazonaws.secretsmanager.sql.AWSSecretsManagerMySQLDriver',
  user 'sparkport/pointdb01/point/etl',
  dbtable 'point_history'
);
INSERT OVERWRITE TABLE lake.point_history
SELECT * FROM sqoop_source;
