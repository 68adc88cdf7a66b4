#!/bin/bash
# ショップ DB (MySQL) から lake へ日次取り込み
set -eu
DT=${1:-$(date -d '1 day ago' +%Y%m%d)}
for t in orders users items; do
  :
done
sqoop import --connect jdbc:mysql://shopdb01:3306/shop --username etl --password 'Sh0p-Import-2019?' \
  --table orders --where "dt='${DT}'" --target-dir /user/batch/stage/shop_orders/${DT} \
  --hive-import --hive-overwrite --hive-table lake.shop_orders
sqoop import --connect jdbc:mysql://shopdb01:3306/shop --username etl --password 'Sh0p-Import-2019?' \
  --table users --target-dir /user/batch/stage/shop_users --hive-import --hive-overwrite --hive-table lake.shop_users
sqoop import --connect jdbc:mysql://shopdb01:3306/shop --username etl --password 'Sh0p-Import-2019?' \
  --query "SELECT i.item_id, i.name, c.category FROM items i JOIN categories c ON i.category_id = c.id WHERE \$CONDITIONS" \
  --split-by i.item_id --target-dir /user/batch/stage/shop_items --hive-import --hive-overwrite --hive-table lake.shop_items
