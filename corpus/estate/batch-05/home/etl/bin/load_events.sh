#!/bin/bash
# アプリのイベントログを lake.app_events の場所に置く
set -eu
DT=${1:-$(date -d '1 day ago' +%Y-%m-%d)}
hadoop fs -mkdir -p /data/lake/app_events/dt=${DT}
hadoop fs -put -f /var/export/app/events_${DT}.tsv /data/lake/app_events/dt=${DT}/
hive -e "MSCK REPAIR TABLE lake.app_events"
hive --hivevar dt=${DT} -f /home/etl/sql/event_funnel.hql
