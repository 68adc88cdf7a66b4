#!/bin/bash
# 1 時間ごとの集計 (news)
set -eu
DT=$(date -d '1 hour ago' +%Y-%m-%d)
HOUR=$(date -d '1 hour ago' +%H)
hive --hivevar dt=${DT} --hivevar hour=${HOUR} -f /home/batch/sql/news_hourly_access.hql
