#!/bin/bash
# 日次売上バッチ: 注文を MySQL から取り込み、店舗別に集計する
set -eu
DT=${1:-$(date -d '1 day ago' +%Y%m%d)}
SQL_DIR=/home/batch/sql
DB_PASS='ChangeMe-2019'

sqoop import --connect jdbc:mysql://shopdb01/shop --username etl --password "$DB_PASS" \
  --table orders --where "dt='${DT}'" --target-dir /user/batch/stage/orders/${DT} \
  --hive-import --hive-table lake.orders

hive --hivevar dt=${DT} -f ${SQL_DIR}/daily_sales.hql
hive -hiveconf dt=${DT} -f ${SQL_DIR}/user_events.hql
hadoop fs -rm -r -f /tmp/daily_sales/${DT}
