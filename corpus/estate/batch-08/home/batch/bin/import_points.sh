#!/bin/bash
# ポイント DB から取り込む (接続文字列にパスワード)
set -eu
sqoop import --connect "jdbc:mysql://pointdb01/point?user=etl&password=P0int-Url-Pass" \
  --table point_history --hive-import --hive-overwrite --hive-table lake.point_history
hive -f /home/batch/sql/point_balance.hql
