#!/bin/bash
set -eu
DT=${1:-$(date -d '1 day ago' +%Y-%m-%d)}
hive --hivevar dt=${DT} -f /home/batch/sql/pv_daily.hql
