#!/bin/bash
FROM=$(date -d '30 days ago' +%Y-%m-%d)
hive --hivevar from_dt=${FROM} -f /home/batch/sql/legacy_pv_report.hql
