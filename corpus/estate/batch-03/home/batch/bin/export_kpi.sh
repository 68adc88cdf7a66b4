#!/bin/bash
set -eu
sqoop export --connect jdbc:mysql://reportdb01/report --username report \
  --password-file /user/batch/.report.password \
  --table kpi_daily --export-dir /user/hive/warehouse/mart.db/kpi_daily --input-fields-terminated-by '\001'
