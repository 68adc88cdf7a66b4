#!/bin/bash
# sakae 店の日次売上
set -eu
DT=${1:-$(date -d '1 day ago' +%Y-%m-%d)}
hive --hivevar dt=${DT} -f /home/etl/sql/store_sales_sakae.hql
