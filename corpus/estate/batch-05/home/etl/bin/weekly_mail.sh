#!/bin/bash
# 壊れたスクリプト: if が閉じていない
if [ "$(date +%u)" = "1" ]; then
  hive -e "SELECT COUNT(*) FROM mart.kpi_daily" | mail -s weekly ops@example.jp
