#!/bin/bash
# 1 時間ごとの集計 (point)
set -eu
DT=$(date -d '1 hour ago' +%Y-%m-%d)
HOUR=$(date -d '1 hour ago' +%H)
hive --hivevar dt=${DT} --hivevar hour=${HOUR} -f /home/batch/sql/point_hourly_access.hql
