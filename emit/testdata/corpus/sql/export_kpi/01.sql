-- sparkport: export_kpi, step 1 (sqoop export as a Spark JDBC write)
-- source: batch-03:/home/batch/bin/export_kpi.sh:3
-- replaces:
--   batch-03:/etc/crontab:12
-- credentials: AWS Secrets Manager secret sparkport/reportdb01/report/report, through its JDBC wrapper driver (never inline)
CREATE TEMPORARY VIEW sqoop_target
USING jdbc
OPTIONS (
  url 'jdbc-secretsmanager:mysql://reportdb01/report',
  driver 'com.amazonaws.secretsmanager.sql.AWSSecretsManagerMySQLDriver',
  user 'sparkport/reportdb01/report/report',
  dbtable 'kpi_daily'
);
INSERT INTO sqoop_target
SELECT * FROM mart.kpi_daily;
