#!/bin/bash
# umeda 店の日次売上
set -eu
DT=${1:-$(date -d '1 day ago' +%Y-%m-%d)}
hive --hivevar dt=${DT} -f /home/batch/sql/store_sales_umeda.hql
