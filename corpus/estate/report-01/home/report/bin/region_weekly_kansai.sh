#!/bin/bash
# kansai 地域の週次レポート
set -eu
FROM_DT=$(date -d '7 days ago' +%Y-%m-%d)
WEEK=$(date +%G-W%V)
beeline -u jdbc:hive2://hs2.example.jp:10000/default -n report -p 'Rep0rt-Beeline-1' \
  --hivevar from_dt=${FROM_DT} --hivevar week=${WEEK} -f /home/report/sql/region_weekly_kansai.hql
