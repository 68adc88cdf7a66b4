#!/bin/bash
# 7 日より古いステージングを消す
OLD=$(date -d '7 days ago' +%Y%m%d)
hadoop fs -rm -r -f -skipTrash /user/batch/stage/shop_orders/${OLD}
hdfs dfs -rm -r -f /tmp/hive-batch/*
